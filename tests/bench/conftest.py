"""The API fixtures, for comparing the benchmark's views with the endpoint."""

from tests.api.conftest import contract, gql  # noqa: F401
