"""Queries generated from our schema (hypothesis-graphql) through the real endpoint (issue 11, point 10).

On the demo content, every generated query must get JSON with status 200 or
400 (never a 5xx, an HTML page or an internal error), and an accepted query
must run at most a fixed function of its computed cost in SQL queries.
"""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql import IntValueNode, NullValueNode, Visitor, print_ast, visit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes, queries

from api.limits import SIZE_ARGUMENTS
from api.views import INTERNAL_ERROR
from cms.schema import schema

pytestmark = pytest.mark.django_db

SCALARS = {
    "Date": st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 1, 1)).map(nodes.String),
    "DateTime": st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2040, 1, 1))
    .map(lambda moment: moment.isoformat() + "+00:00")
    .map(nodes.String),
}
# SQL of an accepted query: a fixed part (session, site, the root selectors' queries and
# prefetches) plus a part per unit of cost (a per-object lookup costs at least 1 each).
SQL_FIXED = 40
SQL_PER_COST = 0.02


class _SizesInRange(Visitor):
    """Size arguments clamped into their range, so that most generated queries are executed."""

    def __init__(self, *, clamp: bool = True):
        super().__init__()
        self.clamp = clamp

    def enter_argument(self, node, *_args):
        if self.clamp and node.name.value in SIZE_ARGUMENTS and isinstance(node.value, IntValueNode | NullValueNode):
            value = int(node.value.value) if isinstance(node.value, IntValueNode) else 1
            clamped = min(max(value, 1), SIZE_ARGUMENTS[node.name.value])
            return node.__class__(name=node.name, value=IntValueNode(value=str(clamped)))
        return None


def in_range(document) -> str:
    return print_ast(visit(document, _SizesInRange()))


def as_generated(document) -> str:
    return print_ast(visit(document, _SizesInRange(clamp=False)))


FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,  # no example database in the project tree
)


def _send(client, query: str):
    payload = json.dumps({"query": query, "extensions": {"cost": True}})
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/graphql/", payload, content_type="application/json")
    return response, len(captured.captured_queries)


def _check(response, sql: int, query: str, *, sql_bound: bool) -> None:
    assert response.status_code in (200, 400), (response.status_code, query)
    assert response["Content-Type"] == "application/json", query
    body = json.loads(response.content)
    messages = [error.get("message", "") for error in body.get("errors", [])]
    assert INTERNAL_ERROR not in messages, (query, messages)
    if response.status_code == 400:
        assert sql == 0, (query, messages)
        return
    cost = body["extensions"]["cost"]["requested"]
    if sql_bound:
        assert sql <= SQL_FIXED + SQL_PER_COST * cost, (query, sql, cost)


@FUZZ
@given(query=queries(schema.graphql_schema, custom_scalars=SCALARS, print_ast=as_generated))
def test_generated_queries_never_fail_on_our_side(client, demo, query):
    """As generated: most have a size out of range or null, and must be refused cleanly."""
    response, sql = _send(client, query)
    _check(response, sql, query, sql_bound=True)


@FUZZ
@given(
    query=queries(
        schema.graphql_schema,
        fields=["newsItems", "events", "documents", "activities", "planPeriods", "page", "search"],
        custom_scalars=SCALARS,
        print_ast=in_range,
    )
)
def test_generated_list_queries_never_fail_on_our_side(client, demo, query):
    response, sql = _send(client, query)
    _check(response, sql, query, sql_bound=True)


@FUZZ
@given(query=queries(schema.graphql_schema, custom_scalars=SCALARS, print_ast=in_range))
def test_generated_queries_with_sizes_in_range_never_fail_on_our_side(client, demo, query):
    response, sql = _send(client, query)
    _check(response, sql, query, sql_bound=True)


@pytest.mark.parametrize("text", ['a"b', ":", "(", "bolig*", "NOT bolig", '"', "-"])
def test_search_syntax_characters_are_no_internal_error(client, site_tree, text):
    """Found by the fuzzer: SQLite's FTS5 gave quotes and punctuation a meaning of their own."""
    payload = {"query": "query S($q: String!) { search(query: $q) { __typename } }", "variables": {"q": text}}
    response = client.post("/graphql/", json.dumps(payload), content_type="application/json")
    assert response.status_code == 200 and "errors" not in response.json(), response.content
