"""The text's lower bound of fields and comparisons (api/text_scan.py `selection_bound`).

Documents over the field or comparison caps are refused from the text, before the
parse that costs more than a refusal may (issue 11: under 5 ms). The bound must
never exceed what the walk over the parsed document counts, or a valid query
would be refused: checked on the contract, the guide's examples, crafted texts
and queries generated from the schema.
"""

import json
import re
from pathlib import Path

import pytest
from graphql import parse, print_ast
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import queries

from api.cost import analyse
from api.limits import MAX_COST, MAX_FIELD_PAIRS, MAX_SELECTIONS
from api.sized_fields import sized_fields
from api.text_bound import selection_bound
from cms.schema import schema

from .conftest import contract_source
from .test_fuzz_schema import SCALARS
from .test_limits import TRICKY

GUIDE = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()
EXAMPLES = re.findall(r"```graphql\n(.*?)```", GUIDE, re.DOTALL)
SHAPES = [
    "{ a: planPeriods { title } b: planPeriods { slug } ... on Query { planPeriods { focusAreas { title } } } }",
    "fragment F on PlanPeriodPage { title focusAreas { title title } } { planPeriods { ...F ...F title } }",
    'query Q($s: String! = "{ a a a }") { search(query: $s) @include(if: true) { title title } }',
    "{ planPeriods { title # a comment { title title\n title } }",
    "fragment A on Query { ...B planPeriods { title } } fragment B on Query { ...A housingAreas { title } } { ...A }",
    "query Q { ...F0 } "
    + " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(6))
    + " fragment F6 on Query { __typename planPeriods { title } }",
    "{ ...Unknown planPeriods { ... on PlanPeriodPage { ...P } } } fragment P on PlanPeriodPage { title slug }",
]


SIZED = sized_fields(schema.graphql_schema)
# Sizes the text can read, and the places where it must not read them.
COSTLY = [
    "{ newsItems(perPage: 100) { items { parent { children(limit: 100) { parent { children(limit: 100) "
    "{ ancestors { title } } } } } } } }",
    "{ n: newsItems(perPage: 7, page: 2) { totalCount items { t: title } } e: events(limit: 5) { title } }",
    "query Q($n: Int = 50) { events(limit: $n) { title } newsItems(perPage: 3) { items { __typename title } } }",
    '{ search(query: "x", limit: 100) { ... on NewsPage { children(limit: 100) { title } } } }',
    "{ events(limit: 1000) { children(limit: -3) { title } } }",
    "{ events(limit: 10) @include(if: true) { parent { children(limit: 20) { items: title } } } }",
    "{ newsItems(perPage: 100) { items: totalCount } }",
    "fragment F on EventPage { children(limit: 100) { title } } { events(limit: 100) { ...F } }",
    "{ __schema { types { fields { name } } } events(limit: 2) { __typename } }",
    "query A { events(limit: 100) { title } } query B { events(limit: 1) { title } }",
]


def _walk(query: str):
    return analyse(schema.graphql_schema, parse(query))


def _walk_cost(walk) -> int:
    return next(iter(walk.operations.values())).cost if len(walk.operations) == 1 else 0


@pytest.mark.parametrize("query", [*TRICKY, *SHAPES, *COSTLY, *EXAMPLES, contract_source()])
def test_the_bound_never_exceeds_the_walk(query):
    bound, walk = selection_bound(query, SIZED), _walk(query)
    assert bound.fields <= walk.fields
    assert bound.pairs <= walk.field_pairs
    assert bound.cost <= _walk_cost(walk)


def test_the_cost_bound_reads_written_sizes_where_the_walk_does():
    """Exact where every list carries its size in the text; a page's size counts only for its `items`."""
    exact = ["{ newsItems(perPage: 100) { items { parent { children(limit: 100) { title } } } } }", COSTLY[1]]
    for query in exact:
        assert selection_bound(query, SIZED).cost == _walk_cost(_walk(query)), query
    # A list without a written size (ancestors: declared 8; a variable) counts 1, below the walk.
    assert selection_bound(COSTLY[0], SIZED).cost < _walk_cost(_walk(COSTLY[0]))
    assert selection_bound(COSTLY[2], SIZED).cost < _walk_cost(_walk(COSTLY[2]))
    assert selection_bound(COSTLY[0], SIZED).cost > MAX_COST
    assert selection_bound(COSTLY[6], SIZED).cost == 2  # `items:` is an alias of totalCount: not the list
    assert selection_bound(COSTLY[0]).cost < 100  # without the schema's sizes, every list counts as 1


def test_the_bound_is_exact_where_no_fragment_repeats_a_field():
    query = "{ planPeriods { " + " ".join(["focusAreas { title }"] * 10) + " } }"
    bound, walk = selection_bound(query), _walk(query)
    assert (bound.fields, bound.pairs) == (walk.fields, walk.field_pairs) == (21, 180)


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(query=queries(schema.graphql_schema, custom_scalars=SCALARS, print_ast=print_ast))
def test_generated_queries_are_never_over_counted(query):
    bound, walk = selection_bound(query, SIZED), _walk(query)
    assert bound.fields <= walk.fields, query
    assert bound.pairs <= walk.field_pairs, query
    assert bound.cost <= _walk_cost(walk), query


@pytest.mark.parametrize(
    "text",
    [
        "{ a " * 1_000 + "...F " * 500 + "}" * 1_000,
        "{" * 10_000,
        "a " * 5_000,
        "{ a: b " * 1_500,
        "... on A @d " * 800,
        "}" * 10_000,
        '"\\' * 4_995,
        "{ a(limit: 1 " + "b: { limit: 2 " * 600,
        "{ a: b(limit: 100) { " * 700,
    ],
)
def test_the_bound_is_linear_on_crafted_input(text):
    assert selection_bound(text, SIZED).steps <= len(text) + 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ " + " ".join("planPeriods { focusAreas { title } }" for _ in range(230)) + " }", "sammenligninger"),
        ("{ planPeriods { " + " ".join(f"f{i}: title" for i in range(10)) + " } }", None),
        ("{ " + " ".join(f"housingAreas {{ {' '.join(['title'] * 8)} }}" for _ in range(8)) + " }", "sammenligninger"),
        ("{ planPeriods { focusAreas { title title title } } }", None),
        (
            "query Q { ...F0 } "
            + " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(26))
            + " fragment F26 on Query { __typename }",
            "for mange felter",
        ),
        (
            "{ newsItems(perPage: 100) { items { "
            + " ".join(f"a{i}: parent {{ children(limit: 100) {{ title }} }}" for i in range(10))
            + " } } }",
            "for dyr",
        ),
        ("{ events(limit: 100) { parent { children(limit: 100) { title urlPath } } } }", None),
    ],
)
@pytest.mark.django_db
def test_over_the_caps_is_refused_from_the_text_without_parsing(gql, monkeypatch, query, message):
    import api.checks

    api.checks.clear_prepared()
    parsed = []
    real_parse = api.checks.parse
    monkeypatch.setattr(api.checks, "parse", lambda *args, **kwargs: parsed.append(1) or real_parse(*args, **kwargs))
    status, body, sql = gql(query)
    if message is None:
        assert status == 200 and parsed, body
        return
    assert status == 400 and not parsed and sql == 0, body
    text = json.dumps(body, ensure_ascii=False)
    assert message in text and "mindst" in text


def test_the_caps_are_those_of_the_walk():
    """The text refuses with the walk's caps, so a refusal does not depend on which stage found it."""
    over_fields = "{ planPeriods { " + " ".join(f"f{i}: title" for i in range(MAX_SELECTIONS)) + " } }"
    assert selection_bound(over_fields).fields > MAX_SELECTIONS
    within = "{ planPeriods { " + " ".join(["title"] * 63) + " } }"
    assert selection_bound(within).pairs == 63 * 62 // 2 <= MAX_FIELD_PAIRS
    over = "{ planPeriods { " + " ".join(["title"] * 64) + " } }"
    assert selection_bound(over).pairs == 64 * 63 // 2 > MAX_FIELD_PAIRS
