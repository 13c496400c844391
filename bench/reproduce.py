"""Issue 11's cases against a running server, over HTTP: what each one answers now.

    make run PORT=8411          # in one terminal
    .venv/bin/python -m bench.reproduce http://127.0.0.1:8411/graphql/

One line per case: HTTP status, time, content type and the first message (or the
start of the data). The same cases, timed in-process with their SQL, are in the
benchmark's adversarial section (bench/adversarial.py, `make bench`).
"""

import hashlib
import json
import sys
import time

import httpx
from graphql import get_introspection_query

from .adversarial import TREE, TREE_INNER


def _fragment_doubling(levels: int) -> str:
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels))
    return f"query Q {{ ...F0 }} {fragments} fragment F{levels} on Query {{ __typename }}"


def _query(text: str, variables: dict | None = None, **extra) -> bytes:
    return json.dumps({"query": text, "variables": variables, **extra}).encode()


def cases() -> list[tuple[str, bytes]]:
    over = "{ " + " ".join("planPeriods { focusAreas { title } }" for _ in range(230)) + " }"
    search = "query($q: String!) { search(query: $q) { ... on PageInterface { title } } }"
    bad = "{ nope }"
    return [
        ("fragment doubling, 26 levels", _query(_fragment_doubling(26))),
        ("tree fields multiply", _query(TREE)),
        (
            "tree fields, 10 aliases",
            _query(
                "{ newsItems(perPage: 100) { items { " + " ".join(f"a{i}: {TREE_INNER}" for i in range(10)) + " } } }"
            ),
        ),
        ("overlapping fields, 8 kB", _query(over)),
        ("quadratic scan, 10 kB", _query('"\\' * 4_995)),
        ('{"query": 123}', b'{"query": 123}'),
        ('{"query": ["x"]}', b'{"query": ["x"]}'),
        ('{"query": true}', b'{"query": true}'),
        ('{"query": {"a": 1}}', b'{"query": {"a": 1}}'),
        (
            "variables 3,000 deep",
            b'{"query": "{ planPeriods { title } }", "variables": {"a": ' + b"[" * 3000 + b"]" * 3000 + b"}}",
        ),
        ("a 3 MB body", _query("{ planPeriods { title } }", {"x": "y" * 3_000_000})),
        ("not UTF-8", b'{"query": "\xff"}'),
        ("NUL in search", _query(search, {"q": "bolig\x00"})),
        (
            "lone surrogate in urlPath",
            b'{"query": "query($p: String!) { page(urlPath: $p) { title } }", "variables": {"p": "/\\ud800/"}}',
        ),
        (
            "persisted: invalid text",
            _query(
                bad,
                extensions={"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(bad.encode()).hexdigest()}},
            ),
        ),
        ("introspection (standard)", _query(get_introspection_query())),
        ("unknown period slug", _query('{ newsItems(planPeriod: "ingen-saadan") { items { title } } }')),
        ('search "boligområde"', _query(search, {"q": "boligområde"})),
    ]


def main(url: str) -> None:
    with httpx.Client(timeout=60) as client:
        for name, body in cases():
            started = time.perf_counter()
            response = client.post(url, content=body, headers={"Content-Type": "application/json"})
            ms = (time.perf_counter() - started) * 1000
            try:
                answer = response.json()
                shown = answer["errors"][0]["message"] if answer.get("errors") else json.dumps(answer)[:90]
            except ValueError:
                shown = response.text[:90]
            kind = response.headers.get("content-type", "")
            print(f"{name:28} {response.status_code} {ms:7.1f} ms  {kind:17} {shown[:110]}")
        page = client.get(url, headers={"Accept": "text/html"}).text
        scripts = [part.split('"')[0] for part in page.split('src="')[1:]]
        print(f"{'GraphiQL page scripts':28} {' '.join(scripts)[:150]}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/graphql/")
