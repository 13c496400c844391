"""The API fixtures, for comparing the benchmark's views with the endpoint."""

import pytest

from tests.api.conftest import gql  # noqa: F401


@pytest.fixture
def contract(gql):  # noqa: F811
    """Operations as the benchmark sends them (bench/contract.py), not the test suite's contract."""
    from bench.contract import DOCUMENTS

    def run(operation_name, **variables):
        return gql(DOCUMENTS[operation_name], variables, operation_name)

    return run
