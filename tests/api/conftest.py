import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

CONTRACT_DIR = Path(__file__).parent


def contract_source() -> str:
    return (CONTRACT_DIR / "contract_frontend.graphql").read_text() + (
        CONTRACT_DIR / "contract_jobs.graphql"
    ).read_text()


@pytest.fixture
def gql(client):
    """POST a GraphQL request; return (status, body, number of SQL queries)."""

    def run(query, variables=None, operation_name=None, **extra):
        payload = {"query": query, "variables": variables or {}}
        if operation_name:
            payload["operationName"] = operation_name
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/graphql/", json.dumps(payload), content_type="application/json", **extra)
        return response.status_code, response.json(), len(queries.captured_queries)

    return run


@pytest.fixture
def contract(gql):
    source = contract_source()

    def run(operation_name, **variables):
        return gql(source, variables, operation_name)

    return run


@pytest.fixture
def news(site_tree):
    """One published news item, "Første nyhed", under the site tree's news index."""
    from pages.models import NewsPage

    page = NewsPage(title="Første nyhed", slug="foerste", teaser="Manchet")
    site_tree["news"].add_child(instance=page)
    page.save_revision().publish()
    return page
