"""Introspection is answered, within its own bounds, unless GRAPHQL_INTROSPECTION is off (issue 11, point 6)."""

import json

import pytest
from django.test import override_settings
from graphql import build_client_schema, get_introspection_query, parse

from api.cost import analyse
from api.limits import MAX_INTROSPECTION_COST
from cms.schema import schema

pytestmark = pytest.mark.django_db

# graphql-core's standard query; GraphiQL 3 asks for more (input value deprecation, schema
# description, specifiedByURL, repeatable); graphql-codegen sends graphql-js's default.
VARIANTS = {
    "standard": get_introspection_query(),
    "without-descriptions": get_introspection_query(descriptions=False),
    "graphiql": get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    ),
    "codegen": get_introspection_query(descriptions=True, directive_is_repeatable=True, specified_by_url=True),
}


@pytest.mark.parametrize("query", VARIANTS.values(), ids=VARIANTS.keys())
def test_the_standard_introspection_queries_are_answered(gql, query):
    """They used to be refused: 'for dybt indlejret (15 niveauer, højst 8)'."""
    status, body, queries = gql(query, operation_name="IntrospectionQuery")
    assert status == 200, body
    assert queries == 0
    client_schema = build_client_schema(body["data"])
    assert client_schema.query_type.name == "Query" and "newsItems" in client_schema.query_type.fields


@pytest.mark.parametrize("query", VARIANTS.values(), ids=VARIANTS.keys())
def test_they_fit_their_budget_with_room(query):
    (limits,) = analyse(schema.graphql_schema, parse(query)).operations.values()
    assert limits.errors == [] and limits.cost == 0
    assert limits.introspection_cost <= MAX_INTROSPECTION_COST / 1.5


def test_introspection_does_not_count_towards_depth_but_has_its_own_bound(gql):
    nested = "name"
    for _ in range(12):
        nested = f"ofType {{ {nested} }}"
    status, body, _ = gql(f"{{ __schema {{ queryType {{ fields {{ type {{ {nested} }} }} }} }} }}")
    assert status == 200, body  # 16 levels, deeper than the 8 of content queries
    for _ in range(8):
        nested = f"ofType {{ {nested} }}"
    status, body, queries = gql(f"{{ __schema {{ queryType {{ fields {{ type {{ {nested} }} }} }} }} }}")
    assert status == 400 and "Introspektionen er for dybt indlejret" in body["errors"][0]["message"]
    assert queries == 0


def test_multiplying_introspection_lists_is_refused(gql):
    query = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    status, body, queries = gql(query)
    assert status == 400 and queries == 0
    assert "Introspektionen er for dyr" in json.dumps(body, ensure_ascii=False)


def test_introspection_beside_content_counts_both(gql, site_tree):
    status, body, _ = gql('{ __type(name: "Query") { name } planPeriods { title } }')
    assert status == 200 and body["data"]["__type"]["name"] == "Query"


@override_settings(GRAPHQL_INTROSPECTION=False)
@pytest.mark.parametrize(
    "query",
    [VARIANTS["standard"], '{ __type(name: "Query") { name } }', "{ a: __schema { queryType { name } } }"],
    ids=["standard", "type", "aliased"],
)
def test_introspection_can_be_switched_off(gql, query):
    status, body, queries = gql(query)
    assert status == 400 and queries == 0
    assert body["errors"][0]["message"] == "Introspektion (__schema, __type) er slået fra på denne server."


@override_settings(GRAPHQL_INTROSPECTION=False)
def test_typename_works_with_introspection_off(gql, site_tree):
    status, body, _ = gql("{ __typename planPeriods { __typename } }")
    assert status == 200 and body["data"] == {"__typename": "Query", "planPeriods": []}
