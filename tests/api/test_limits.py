"""Abusive and malformed requests get a 400 with a clear message, never a 500, and run no SQL."""

import json

import pytest
from graphql import parse

from api.cost import analyse
from api.limits import MAX_ALIASES, MAX_DEPTH, MAX_QUERY_BYTES
from api.text_scan import alias_count_quick, scan_text
from cms.schema import schema

from .conftest import contract_source

pytestmark = pytest.mark.django_db


def _assert_rejected(result, fragment):
    status, body, queries = result
    assert status == 400, body
    assert fragment in json.dumps(body, ensure_ascii=False)
    assert queries == 0
    assert "Traceback" not in json.dumps(body)


def test_deep_query_is_rejected(gql):
    inner = "title"
    for _ in range(MAX_DEPTH + 2):
        inner = f"children {{ {inner} }}"
    _assert_rejected(gql(f'{{ page(urlPath: "/") {{ {inner} }} }}'), "for dybt indlejret")


def test_many_aliases_are_rejected(gql):
    query = "{ " + " ".join(f"a{i}: housingAreas {{ title }}" for i in range(MAX_ALIASES + 1)) + " }"
    _assert_rejected(gql(query), "for mange aliaser")


TRICKY = [
    # colons in arguments, variable definitions, defaults, object values and directives are not aliases
    'query Q($a: Int = 3, $b: [String!]! = ["x: y"]) { n: newsItems(page: $a, perPage: 2) { items { t: title } } }',
    '{ search(query: "a: b ( c } d: \\" e: f") { t: title } }',
    '{ search(query: """block: with "quotes" and \\""" and ( { : """) { title } }',
    "# a: comment: with (colons\n{ x: planPeriods { y: title } } # trailing: one",
    '{ page(urlPath: "/") @include(if: true) { a: title ... on NewsPage { b: teaser } } }',
    "fragment F on NewsPage { t: title u: teaser } { newsItems { items { ...F v: title } } }",
    # a backslash at the end of a block string's line, and a comment ended by a lone CR
    '{ search(query: """C:\\\n) ' + " ".join(f"k{i}: v" for i in range(20)) + '""") { title } }',
    "{ #c\r " + " ".join(f"a{i}: title" for i in range(20)) + " }",
]


@pytest.mark.parametrize("query", [*TRICKY, contract_source()])
def test_the_quick_alias_count_equals_the_parsed_count(query):
    parsed = analyse(schema.graphql_schema, parse(query)).aliases
    assert alias_count_quick(query) == parsed


@pytest.mark.parametrize(
    "text",
    ['"' + '\\"' * 20_000, '"""' + '"\\' * 20_000, '"' * 40_000, '"""' * 13_000, "#" * 40_000, "(" * 40_000],
)
def test_the_quick_alias_count_is_linear_on_crafted_input(text):
    """Backtracking regexes take seconds on such text; the scan's searches never look back."""
    assert scan_text(text).steps <= len(text) + 1


def test_many_aliases_are_refused_before_parsing(gql, monkeypatch):
    """Parsing hundreds of aliases takes milliseconds; the text check takes microseconds."""
    import api.checks

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(api.checks, "parse", no_parse)
    query = "{ " + " ".join(f"a{i}: housingAreas {{ title }}" for i in range(MAX_ALIASES * 10)) + " }"
    _assert_rejected(gql(query), "for mange aliaser")


def test_huge_query_is_rejected(gql):
    query = "{ planPeriods { title } }" + " " * MAX_QUERY_BYTES
    _assert_rejected(gql(query), "for stor")


def test_too_many_tokens_are_rejected(gql):
    query = "{ planPeriods { " + " ".join(["a"] * 2100) + " } }"  # under the byte limit, over the token limit
    _assert_rejected(gql(query), "Forespørgslen er for stor (over 2000 tokens)")


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ newsItems(perPage: 1000) { items { title } } }", None),
        ("query($n: Int) { newsItems(perPage: $n) { items { title } } }", {"n": 101}),
        ("{ events(limit: 0) { title } }", None),
        ("{ documents(perPage: 500) { items { title } } }", None),
    ],
)
def test_page_size_too_big_is_rejected(gql, query, variables):
    _assert_rejected(gql(query, variables), "skal ligge mellem")


def test_unknown_order_value_is_rejected(gql):
    _assert_rejected(gql("{ newsItems(order: owner__password) { items { title } } }"), "NewsOrder")


def test_unknown_field_is_rejected_by_standard_rules(gql):
    _assert_rejected(gql("{ planPeriods { draftTitle } }"), "draftTitle")


@pytest.mark.parametrize(
    "query",
    [
        "{ planPeriods { titl } }",
        "{ newsItems(orderr: NEWEST_FIRST) { items { title } } }",
        "{ planPeriodz { title } }",
    ],
)
def test_errors_do_not_suggest_names_from_the_schema(gql, query):
    status, body, queries = gql(query)

    assert status == 400 and queries == 0
    assert body["errors"] and all("Did you mean" not in error["message"] for error in body["errors"]), body


@pytest.mark.parametrize(
    ("body", "content_type", "fragment"),
    [
        ("{not json", "application/json", "ikke gyldig JSON"),
        (json.dumps({"query": "{ planPeriods { title } }"}), "text/plain", "application/json"),
        ("query=%7BplanPeriods%7Btitle%7D%7D", "application/x-www-form-urlencoded", "application/json"),
        (json.dumps({"variables": {}}), "application/json", "mangler"),
        (json.dumps({"query": "{ planPeriods { title "}), "application/json", "Syntax Error"),
        (
            json.dumps({"query": "query($s: String!) { planPeriod(slug: $s) { title } }", "variables": {"s": 5}}),
            "application/json",
            "String",
        ),
        (json.dumps({"query": "query A { planPeriods { title } }", "operationName": "B"}), "application/json", "'B'"),
        (json.dumps({"query": "{ planPeriods { title } }", "variables": [1]}), "application/json", "JSON-objekt"),
    ],
)
def test_malformed_requests_get_400(client, body, content_type, fragment):
    response = client.post("/graphql/", body, content_type=content_type)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    assert fragment in response.content.decode()


def test_get_serves_queries_but_not_mutations(client, site_tree):
    response = client.get("/graphql/", {"query": "{ planPeriods { title } }"})
    assert response.status_code == 200 and response.json() == {"data": {"planPeriods": []}}
    response = client.get("/graphql/", {"query": "mutation { __typename }"})
    assert response.status_code == 400


def test_internal_errors_do_not_leak(client, monkeypatch, site_tree):
    from pages import selectors

    def broken(**kwargs):
        raise RuntimeError("secret internals: SELECT * FROM users")

    monkeypatch.setattr(selectors, "plan_period_list", broken)
    response = client.post("/graphql/", {"query": "{ planPeriods { title } }"}, content_type="application/json")
    assert "secret internals" not in response.content.decode()
    assert "intern fejl" in response.content.decode()
