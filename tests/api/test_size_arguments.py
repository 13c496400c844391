"""`children(limit:)` answers an out-of-range size like every other size argument: with the Danish error.

The endpoint refuses a size written in the query before anything runs (api/limits.py);
the resolver checks what it is given too (api.toolkit.sizes), so a caller that executes
the schema in-process (the CMS's reference rendering) gets the same error instead of a
silently shortened list.
"""

import json

import pytest
from django.test import RequestFactory

from cms.schema import schema

pytestmark = pytest.mark.django_db

MESSAGE = "limit skal ligge mellem 1 og 100."


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ('{ page(urlPath: "/") { children(limit: 0) { title } } }', None),
        ('{ page(urlPath: "/") { children(limit: 101) { title } } }', None),
        ('query Q($n: Int!) { page(urlPath: "/") { children(limit: $n) { title } } }', {"n": 0}),
    ],
)
def test_endpoint_refuses_children_limit_out_of_range(site_tree, gql, query, variables):
    status, body, queries = gql(query, variables)
    assert status == 400, body
    assert [error["message"] for error in body["errors"]] == [MESSAGE]
    assert queries == 0


@pytest.mark.parametrize("limit", [0, 101])
def test_schema_refuses_children_limit_out_of_range(site_tree, limit):
    request = RequestFactory().post("/graphql/")
    result = schema.execute(
        'query Q($n: Int!) { page(urlPath: "/") { title children(limit: $n) { title } } }',
        variables={"n": limit},
        context_value=request,
    )
    assert [error.message for error in result.errors] == [MESSAGE]
    assert result.data == {"page": None}, json.dumps(result.data)


def test_children_limit_in_range_answers(site_tree, gql):
    status, body, _ = gql('{ page(urlPath: "/") { children(limit: 1) { title } } }')
    assert status == 200, body
    assert len(body["data"]["page"]["children"]) == 1
