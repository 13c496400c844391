"""The benchmark's adversarial section: the worst requests within (and just past) the documented limits.

Each case is sent in-process (Django test client, real URLconf and middleware,
response cache off) `iterations` times; a GraphQL text is made new each time
(a comment never sent before), so the parse cache never helps. Reported per
case: p50/p95, the most SQL queries of one request, the statuses, and whether
it meets the goals of issue 11: answered or refused in at most 250 ms p95 with
at most 50 SQL; a refusal in under 5 ms p95 and without SQL.
"""

import itertools
import json
import math
import os
import statistics
import time
from dataclasses import dataclass

from graphql import get_introspection_query

ANSWER_MS, ANSWER_SQL = 250.0, 50
REFUSAL_MS = 5.0


@dataclass(frozen=True)
class Case:
    name: str
    what: str
    query: str | None = None  # a GraphQL text, sent as {"query": ...} with a new comment each time
    variables: dict | None = None
    raw: bytes | None = None  # a body sent as it is
    vary: bool = True  # a new text each time; False: the same text, as GraphiQL and codegen send it


def _fragment_doubling(levels: int) -> str:
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels))
    return f"query Q {{ ...F0 }} {fragments} fragment F{levels} on Query {{ __typename }}"


def _nested_repeats(k: int) -> str:
    inner = " ".join(["title"] * k)
    middle = " ".join(f"focusAreas {{ {inner} }}" for _ in range(k))
    return "{ " + " ".join(f"planPeriods {{ {middle} }}" for _ in range(k)) + " }"


TREE = (
    "{ newsItems(perPage: 100) { items { parent { children(limit: 100) "
    "{ parent { children(limit: 100) { ancestors { title } } } } } } } }"
)
TREE_INNER = "parent { children(limit: 100) { parent { children(limit: 100) { ancestors { title } } } } }"
DEEP_JSON = "[" * 3000 + "]" * 3000


def cases() -> list[Case]:
    """Every case, in the order of the report."""
    return [
        *_cost_cases(),
        *_overlap_cases(),
        *_parsed_cases(),
        *_lexer_cases(),
        *_introspection_cases(),
        *_body_cases(),
    ]


def _cost_cases() -> list[Case]:
    """Queries whose answer would multiply: refused by the cost, or just within it."""
    return [
        Case("fragment-doubling-26", "2^26 fields from 1 kB of fragments", query=_fragment_doubling(26)),
        Case("tree-multiplication", "the issue's 137-byte parent/children/ancestors query", query=TREE),
        Case(
            "tree-multiplication-aliases",
            "the same, 10 aliases",
            query="{ newsItems(perPage: 100) { items { "
            + " ".join(f"a{i}: {TREE_INNER}" for i in range(10))
            + " } } }",
        ),
        Case(
            "tree-within-budget",
            "the widest tree query the cost admits: 100 events, their parent's 100 children",
            query="{ events(limit: 100) { parent { children(limit: 100) { title urlPath } } } }",
        ),
        Case(
            "aliased-lists-within-budget",
            "10 aliased newsItems(perPage: 100) with 3 fields each",
            query="{ "
            + " ".join(
                f"n{i}: newsItems(perPage: 100, page: {i + 1}) {{ items {{ title urlPath teaser }} }}"
                for i in range(10)
            )
            + " }",
        ),
        Case(
            "bodies-of-a-list",
            "newsItems(perPage: 60) with every body's links, images and rich text: near the cost limit",
            query="{ newsItems(perPage: 60) { items { title body { __typename "
            "... on PageLinkBlock { urlPath page { title } } ... on ParagraphBlock { html } "
            "... on ImageBlock { altText image { rendition(name: CARD) { url } } } "
            "... on DocumentBlock { label document { url } } } } } }",
        ),
    ]


def _parsed_cases() -> list[Case]:
    """Documents within every cap the text can check: parsed (about 10 µs a token), then refused by validation."""
    return [
        Case(
            "unknown-fields-within-caps",
            "990 distinct unknown fields: just under the field cap, parsed before validation refuses them",
            query="{ planPeriods { " + " ".join(f"f{i}" for i in range(990)) + " } }",
        ),
        Case(
            "unknown-arguments-within-caps",
            "one field with 660 unknown arguments: just under the token cap",
            query="{ planPeriods(" + ", ".join(f"a{i}: 1" for i in range(660)) + ") { title } }",
        ),
    ]


def _overlap_cases() -> list[Case]:
    """Same-named fields that make validation compare every pair."""
    return [
        Case(
            "overlapping-fields-8kB",
            "planPeriods { focusAreas { title } } x 230, one response name",
            query="{ " + " ".join("planPeriods { focusAreas { title } }" for _ in range(230)) + " }",
        ),
        Case("overlapping-nested", "3 levels of 8 same-named fields (k^6 comparisons)", query=_nested_repeats(8)),
        Case(
            "overlapping-within-caps",
            "planPeriods { focusAreas { title } x 32 }: just within the comparison cap",
            query="{ planPeriods { " + " ".join(["focusAreas { title }"] * 32) + " } }",
        ),
    ]


def _lexer_cases() -> list[Case]:
    """Texts that are dear to tokenise: escapes, block strings and CR line ends, 10 kB each."""
    return [
        Case("quadratic-scan-10kB", "'\"\\' repeated to 9,990 bytes", query='"\\' * 4_995),
        Case("block-strings-10kB", '\\""" inside a block string, 9,990 bytes', query='"""' + '\\"""' * 2_496),
        Case("cr-line-ends-10kB", "unterminated strings ended by CR", query='"abc\r' * 1_998),
    ]


def _introspection_cases() -> list[Case]:
    return [
        Case("introspection-standard", "graphql-core's get_introspection_query()", query=get_introspection_query()),
        Case(
            "introspection-repeated",
            "the same, the same text each time (as GraphiQL sends it)",
            query=get_introspection_query(),
            vary=False,
        ),
        Case(
            "introspection-multiplied",
            "types { fields { type { fields { type { fields } } } } }",
            query="{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }",
        ),
    ]


def _body_cases() -> list[Case]:
    """Bodies that are not a GraphQL request as the endpoint expects one."""
    return [
        Case("query-not-a-string", '{"query": 123}', raw=b'{"query": 123}'),
        Case("query-an-object", '{"query": {"a": 1}}', raw=b'{"query": {"a": 1}}'),
        Case(
            "variables-3000-deep",
            "variables nested 3,000 deep",
            raw=b'{"query": "{ __typename }", "variables": {"a": ' + DEEP_JSON.encode() + b"}}",
        ),
        Case("invalid-utf8", "a body that is not UTF-8", raw=b'{"query": "{ __typename \xff }"}'),
        Case(
            "nul-in-argument",
            "NUL in a search argument",
            query="query S($q: String!) { search(query: $q) { __typename } }",
            variables={"q": "bolig\x00"},
        ),
        Case("big-body-3MB", "a 3 MB JSON body", raw=b'{"query": "' + b"x" * (3 * 1024 * 1024) + b'"}'),
    ]


# Texts never seen by this process: the checks' caches live as long as it does, across sizes.
_FRESH = itertools.count()


def fresh_comment() -> str:
    return f"# {os.getpid()}-{next(_FRESH)}"


def _body(case: Case, iteration: int) -> bytes:
    if case.raw is not None:
        return case.raw
    query = (
        f"{case.query}\n{fresh_comment()}" if case.vary else case.query
    )  # a new text each time (in a string for the scan cases: new still)
    return json.dumps({"query": query, "variables": case.variables or {}}).encode()


def adversarial(iterations: int) -> dict:
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    out = {}
    with override_settings(GRAPHQL_RESPONSE_CACHE=False):
        for case in cases():
            times, sql, statuses = [], 0, set()
            client.post("/graphql/", _body(case, -1), content_type="application/json")  # warm-up
            for i in range(iterations):
                body = _body(case, i)
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.post("/graphql/", body, content_type="application/json")
                    times.append((time.perf_counter() - started) * 1000)
                sql = max(sql, len(queries.captured_queries))
                statuses.add(response.status_code)
                assert response["Content-Type"] == "application/json", (case.name, response.status_code)
            times.sort()
            p95 = round(times[math.ceil(len(times) * 0.95) - 1], 3)  # nearest rank
            refused = all(status >= 400 for status in statuses)
            out[case.name] = {
                "what": case.what,
                "p50_ms": round(statistics.median(times), 3),
                "p95_ms": p95,
                "max_sql": sql,
                "statuses": sorted(statuses),
                "answered": not refused,
                "goal_met": (p95 < REFUSAL_MS and sql == 0) if refused else (p95 <= ANSWER_MS and sql <= ANSWER_SQL),
            }
    return out


def markdown_lines(result: dict) -> list[str]:
    lines = [
        "",
        f"Adversarial requests (in-process, response cache off, each text new): goals are answered in at most "
        f"{ANSWER_MS:.0f} ms p95 with at most {ANSWER_SQL} SQL, refused in under {REFUSAL_MS:.0f} ms p95 without SQL.",
        "",
        "| Case | What | status | p50 ms | p95 ms | max SQL | goal met |",
        "|---|---|---|---:|---:|---:|---|",
    ]
    for name, r in result.items():
        lines.append(
            f"| {name} | {r['what']} | {r['statuses']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_sql']} | "
            f"{'yes' if r['goal_met'] else 'NO'} |"
        )
    return lines
