"""The cost limit and the bounds before validation (issue 11, points 1 and 3).

Each abusive shape from the issue is refused with a Danish 400 that names the
limit, before validation and without SQL; every contract operation and every
docs example fits the budget with room to spare.
"""

import json
import re
from pathlib import Path

import pytest
from graphql import get_named_type, get_nullable_type, is_list_type, parse

from api.cost import analyse
from api.limits import (
    LIST_SIZE_ARGUMENTS,
    LIST_SIZES,
    MAX_COST,
    MAX_FIELD_PAIRS,
    MAX_QUERY_BYTES,
    MAX_SELECTIONS,
    PAGE_ITEMS_FIELD,
)
from api.text_scan import scan_text
from cms.schema import schema

from .conftest import CONTRACT_DIR

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "api.md").read_text()
CONTRACT_FILES = [
    CONTRACT_DIR / "contract_frontend.graphql",
    CONTRACT_DIR / "contract_jobs.graphql",
    # The shared contract beside the repository (../shared), where the workplace and CI put it.
    *sorted((ROOT.parent / "shared" / "contract").glob("*.graphql")),
]


def _refused(result, fragment):
    status, body, queries = result
    assert status == 400, body
    assert fragment in json.dumps(body, ensure_ascii=False), body
    assert queries == 0
    return body


@pytest.fixture
def no_validation(monkeypatch):
    """Fail if graphql-core's validation runs: the bounds must refuse before it."""
    import api.checks

    def refuse(*args, **kwargs):
        raise AssertionError("validation ran")

    monkeypatch.setattr(api.checks, "validate", refuse)


# --- the shapes ------------------------------------------------------


def fragment_doubling(levels: int) -> str:
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels))
    return f"query Q {{ ...F0 }} {fragments} fragment F{levels} on Query {{ __typename }}"


def test_fragment_doubling_is_refused_in_linear_time(gql, no_validation):
    """26 levels is 2^26 fields; the old depth walk followed every spread again (20 levels took 2.8 s)."""
    query = fragment_doubling(26)
    assert len(query) < 1_500
    _refused(gql(query), "for mange felter")


def test_fragment_doubling_counts_each_fragment_once():
    """The walk's work: one memo entry per fragment, whatever the expansion's size."""
    from api.cost import _Walk

    document = parse(fragment_doubling(26))
    walk = _Walk(schema.graphql_schema, document, None)
    calls = 0
    original = walk.selection_set

    def counted(*args, **kwargs):
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    walk.selection_set = counted
    limits, summary = walk.operation(next(d for d in document.definitions if d.kind == "operation_definition"))
    assert summary.fields == 2**26 and limits.cost == 2**26
    assert calls <= 30  # one per fragment and the operation


TREE = (
    "{ newsItems(perPage: 100) { items { parent { children(limit: 100) "
    "{ parent { children(limit: 100) { ancestors { title } } } } } } } }"
)


def test_tree_fields_that_multiply_are_refused_by_cost(gql, no_validation):
    """137 bytes that ran 2,553 SQL queries for 10 s with 11 news items."""
    body = _refused(gql(TREE), "for dyr")
    assert f"grænsen er {MAX_COST}" in body["errors"][0]["message"]


def test_tree_fields_with_aliases_are_refused_by_cost(gql, no_validation):
    inner = "parent { children(limit: 100) { parent { children(limit: 100) { ancestors { title } } } } }"
    query = "{ newsItems(perPage: 100) { items { " + " ".join(f"a{i}: {inner}" for i in range(10)) + " } } }"
    _refused(gql(query), "for dyr")


def test_cost_uses_the_requests_variables(gql):
    query = "query Q($n: Int) { newsItems(perPage: $n) { items { children(limit: 100) { title urlPath slug } } } }"
    status, body, _ = gql(query, {"n": 5})
    assert status == 200, body
    _refused(gql(query, {"n": 100}), "for dyr")
    # A variable left out counts with its default, then the argument's default (perPage 10).
    with_default = (
        "query Q($n: Int = 100) { newsItems(perPage: $n) { items { children(limit: 100) { title urlPath slug } } } }"
    )
    _refused(gql(with_default), "for dyr")
    status, body, _ = gql(with_default, {"n": 2})
    assert status == 200, body


def test_overlapping_fields_are_bounded_before_validation(gql, no_validation):
    """About 8 kB of repeated same-named fields made graphql-core's overlap rule take 1.1-1.6 s."""
    query = "{ " + " ".join("planPeriods { focusAreas { title } }" for _ in range(230)) + " }"
    assert len(query) < MAX_QUERY_BYTES
    _refused(gql(query), "for mange")


def test_nested_same_named_fields_are_bounded_before_validation(gql, no_validation):
    """Few fields, but each comparison recurses: k^6 steps for three levels of k repeats."""
    inner = " ".join(["title"] * 8)
    middle = " ".join(f"focusAreas {{ {inner} }}" for _ in range(8))
    query = "{ " + " ".join(f"planPeriods {{ {middle} }}" for _ in range(8)) + " }"
    assert analyse(schema.graphql_schema, parse(query)).fields <= MAX_SELECTIONS
    _refused(gql(query), "sammenligninger")


def test_a_fragment_chain_cannot_nest_without_bound(gql, no_validation):
    chain = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(120))
    _refused(gql(f"{{ ...F0 }} {chain} fragment F120 on Query {{ __typename }}"), "for dybt indlejret")


def test_a_fragment_named_like_introspection_gets_no_exemption(gql, no_validation):
    """graphql-armor's bypass (GHSA-733v-p3h5-qpq7): a fragment called __schema skipped the cost."""
    inner = "children(limit: 100) { children(limit: 100) { children(limit: 100) { title } } }"
    query = f'{{ page(urlPath: "/") {{ ...__schema }} }} fragment __schema on PageInterface {{ {inner} }}'
    _refused(gql(query), "for dyr")


# --- the text scan -----------------------------------------------------------

ADVERSARIAL_TEXTS = {
    "quote-backslash": '"\\' * 5_000,
    "quote-backslash-quote": "'\"\\\\'" * 2_500,
    "escaped-quotes": '"' + '\\"' * 5_000,
    "block-strings": '"""' * 3_300,
    "block-string-escapes": '"""' + '\\"""' * 2_500,
    "cr-line-ends": '"abc\r' * 2_000,
    "comments-cr": "#x\r:" * 2_500,
    "open-parens": "(" * 10_000,
    "colons": ":" * 10_000,
}


@pytest.mark.parametrize("text", ADVERSARIAL_TEXTS.values(), ids=ADVERSARIAL_TEXTS.keys())
def test_the_text_scan_is_linear_on_adversarial_input(text):
    """Counted in steps, not time: each step is one search that starts where the last stopped."""
    assert len(text) >= 9_000
    assert scan_text(text).steps <= len(text) + 1
    doubled = scan_text(text * 2).steps
    assert doubled <= 2 * scan_text(text).steps + 2


@pytest.mark.parametrize("text", ADVERSARIAL_TEXTS.values(), ids=ADVERSARIAL_TEXTS.keys())
def test_adversarial_texts_get_a_400_without_sql(gql, text):
    status, body, queries = gql(text)
    assert status == 400 and queries == 0, body


# --- the budget fits the contract and the docs --------------------------------


def _operations(source: str):
    return analyse(schema.graphql_schema, parse(source)).operations.values()


@pytest.mark.parametrize("path", CONTRACT_FILES, ids=lambda p: str(p).rsplit("/", 1)[-1])
def test_every_contract_operation_fits_the_budget_with_room(path):
    for limits in _operations(path.read_text()):
        assert limits.errors == [], (limits.name, limits.errors)
        assert limits.cost <= MAX_COST / 2, (limits.name, limits.cost)


DOC_EXAMPLES = re.findall(r"```graphql\n(.*?)```", DOC, re.DOTALL)


@pytest.mark.parametrize("example", DOC_EXAMPLES, ids=[f"example-{i}" for i in range(len(DOC_EXAMPLES))])
def test_every_docs_example_fits_the_budget_with_room(example):
    for limits in _operations(example):
        assert limits.errors == [] and limits.cost <= MAX_COST / 2, (limits.name, limits.cost)


def test_the_cost_table_in_the_docs_is_the_computed_cost():
    rows = re.findall(r"^\| `(\w+)` \| contract_\w+\.graphql \| (\d+) \| (\d+) \|$", DOC, re.M)
    table = {name: (int(cost), int(depth)) for name, cost, depth in rows}
    computed = {
        limits.name: (limits.cost, limits.depth)
        for path in CONTRACT_FILES[:2]
        for limits in _operations(path.read_text())
    }
    assert table == computed


def test_the_docs_cost_example_is_right():
    (limits,) = _operations("{ newsItems(perPage: 10) { items { title ancestors { title } } } }")
    assert limits.cost == 102
    assert "costs\n1 + 1 + 10 × (1 + 1 + 8 × 1) = 102" in DOC


def test_every_list_field_of_the_schema_has_a_size():
    """A size argument, a page's `items`, or a declared maximum: no list counts with a guess."""
    unsized = []
    for type_ in schema.graphql_schema.type_map.values():
        if type_.name.startswith("__") or not hasattr(type_, "fields"):
            continue
        for name, field in type_.fields.items():
            if not is_list_type(get_nullable_type(field.type)):
                continue
            declared = f"{type_.name}.{name}" in LIST_SIZES or any(
                f"{interface.name}.{name}" in LIST_SIZES for interface in getattr(type_, "interfaces", ())
            )
            paged = name == PAGE_ITEMS_FIELD and type_.name.endswith("List")
            if not (declared or paged or set(field.args) & set(LIST_SIZE_ARGUMENTS)):
                unsized.append(f"{type_.name}.{name}")
            assert get_named_type(field.type) is not None
    assert unsized == []


# --- the cost in the answer ----------------------------------------------------


def test_the_cost_is_in_the_answer_when_asked(client, site_tree):
    query = "{ newsItems(perPage: 10) { items { title ancestors { title } } } }"
    payload = {"query": query, "extensions": {"cost": True}}
    response = client.post("/graphql/", json.dumps(payload), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["extensions"] == {"cost": {"requested": 102, "limit": MAX_COST}}
    plain = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
    assert "extensions" not in plain.json()
    over_get = client.get("/graphql/", {"query": query, "extensions": json.dumps({"cost": True})})
    assert over_get.json()["extensions"]["cost"]["requested"] == 102


def test_limits_are_in_the_constants_the_docs_name():
    assert "| 30,000 |" in DOC and MAX_COST == 30_000
    assert f"| {MAX_SELECTIONS:,} |" in DOC and f"| {MAX_FIELD_PAIRS:,} |" in DOC


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ('{ search(query: "bolig", limit: null) { __typename } }', None),
        ("query Q($n: Int) { events(limit: $n) { title } }", {"n": None}),
        ("query Q($n: Int = 5) { newsItems(perPage: $n) { items { title } } }", {"n": None}),
        ("{ newsItems(page: null) { items { title } } }", None),
    ],
)
def test_an_explicit_null_size_is_refused(gql, query, variables):
    """Found by the schema fuzzer: `search(limit: null)` reached the resolver and made an internal error."""
    _refused(gql(query, variables), "skal ligge mellem 1 og")


@pytest.mark.parametrize(
    "text",
    ['"\\' * 4_995, '"""' + '\\"""' * 2_496, '"abc\r' * 1_998, '{ search(query: "abc\n") { title } }'],
    ids=["quote-backslash", "block-string-escapes", "cr-line-ends", "newline-in-string"],
)
def test_an_unterminated_string_is_refused_without_parsing(gql, monkeypatch, text):
    import api.checks

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed")

    monkeypatch.setattr(api.checks, "parse", no_parse)
    _refused(gql(text), "Syntaksfejl: en tekst i anførselstegn slutter ikke")
