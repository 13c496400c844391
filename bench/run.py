"""`make bench`: the contract operations side by side, per data size, on the configured database.

    DJANGO_SETTINGS_MODULE=cms.settings.bench DATABASE_URL=postgres://... python -m bench.run --sizes S M

For each size: build the data set, then for each operation and implementation
(A GraphQL uncached, B Wagtail REST, C hand-written view, D response-cache hit
for the short persisted-query GET, Dp the same hit for a POST of the whole
contract document (HTTP only), E the same answer as fixed bytes) measure in-process (Django test client through the real URLconf
and middleware): SQL queries and p50/p95 latency; then over HTTP against gunicorn
(2 workers, loopback) with wrk (fixed connections and duration): requests per
second and errors. Optionally (--soak) 32 connections for 60 s with the workers'
memory sampled from /proc. Then the abusive documents (`rejections`) and the
adversarial section (`bench.adversarial`: the worst requests within and just past
the limits, malformed bodies, a big body), each with p95 and SQL against the
goals. Writes bench/results/<date>-<size>.{md,json} and bench/results/latest.md.
"""

import argparse
import json
import os
import statistics
import time

from .adversarial import adversarial, fresh_comment
from .contract import RESULTS, _operations, graphql_url, persisted_url
from .over_http import over_http, soak
from .report import latest_summary, machine, machine_line, markdown, ratio

# --- in-process --------------------------------------------------------------


def _prepare(client, url: str, *, headers: dict | None = None, follow: bool = False) -> dict:
    """Warm up, then count the SQL queries of one request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = headers or {}
    for _ in range(3):
        client.get(url, follow=follow, **headers)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, follow=follow, **headers)
    sql = len(queries.captured_queries)  # read now: the next request resets the log
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return {"sql": sql, "bytes": len(response.content), "body": response.content}


def _timed(client, url: str, *, headers: dict | None = None, follow: bool = False) -> float:
    started = time.perf_counter()
    client.get(url, follow=follow, **(headers or {}))
    return (time.perf_counter() - started) * 1000


def _summary(times: list[float]) -> dict:
    times = sorted(times)
    return {
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 3),
    }


def in_process(operations: dict, iterations: int) -> tuple[dict, dict]:
    """Per operation, the implementations are timed interleaved (A, B, C, D, E, A, ...).

    On a shared machine the load changes from second to second; interleaving
    exposes every implementation to the same conditions, so the ratios hold even
    when the absolute numbers drift.
    """
    from django.core.cache import cache
    from django.test import Client, override_settings

    client = Client(HTTP_HOST="localhost")
    results: dict[str, dict] = {}
    equal: dict[str, bool] = {}
    uncached = override_settings(GRAPHQL_RESPONSE_CACHE=False)
    cached = override_settings(GRAPHQL_RESPONSE_CACHE=True)
    from bench.fixed import fixed_write

    for name, spec in operations.items():
        url = graphql_url(name, spec["variables"])
        cells = {"A": (url, uncached, False)}
        if spec["B"]:
            cells["B"] = (spec["B"], None, True)
        if spec["C"]:
            cells["C"] = (spec["C"], None, False)
        cells["D"] = (persisted_url(name, spec["variables"]), cached, False)
        cells["E"] = (None, None, False)  # the answer's bytes, known once A has run
        cache.clear()
        with cached:
            client.get(persisted_url(name, spec["variables"], register=True))
        row, times = {}, {impl: [] for impl in cells}
        for impl, (target, setting, follow) in cells.items():
            if impl == "E":
                target = fixed_write(name, row["A"]["body"])
                cells["E"] = (target, None, False)
            if setting:
                with setting:
                    row[impl] = _prepare(client, target, follow=follow)
            else:
                row[impl] = _prepare(client, target, follow=follow)
        for _ in range(iterations):
            for impl, (target, setting, follow) in cells.items():
                if setting:
                    with setting:
                        times[impl].append(_timed(client, target, follow=follow))
                else:
                    times[impl].append(_timed(client, target, follow=follow))
        assert b'"errors"' not in row["A"]["body"], row["A"]["body"][:500]
        if "C" in row:
            equal[name] = json.loads(row["C"]["body"]) == json.loads(row["A"]["body"])
        for impl, value in row.items():
            value.pop("body")
            value.update(_summary(times[impl]))
        results[name] = row
    return results, equal


def rejections(iterations: int) -> dict:
    """Abusive documents: cost per rejection and SQL, each text new (no parse cache help)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from api.limits import MAX_ALIASES, MAX_DEPTH

    deep = "title"
    for _ in range(MAX_DEPTH + 4):
        deep = f"children {{ {deep} }}"
    cases = {
        "depth": '{ page(urlPath: "/") { ' + deep + " } }",
        "aliases": "{ " + " ".join(f"a{i}: housingAreas {{ title }}" for i in range(MAX_ALIASES * 3)) + " }",
        "tokens": "{ planPeriods { " + " ".join(["title"] * 2100) + " } }",
        "bytes": "{ planPeriods { title } }" + " " * 20_000,
        "size_argument": "{ newsItems(perPage: 100000) { items { title } } }",
    }
    client = Client(HTTP_HOST="localhost")
    out = {}
    for name, query in cases.items():
        times, sql, statuses = [], 0, set()
        for _ in range(iterations):
            body = json.dumps({"query": f"{fresh_comment()}\n{query}"})
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.post("/graphql/", body, content_type="application/json")
                times.append((time.perf_counter() - started) * 1000)
            sql = max(sql, len(queries.captured_queries))
            statuses.add(response.status_code)
        times.sort()
        out[name] = {
            "p50_ms": round(statistics.median(times), 3),
            "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 3),
            "max_sql": sql,
            "statuses": sorted(statuses),
        }
    return out


def run_size(size: str, args) -> dict:
    from django.db import connection

    from bench.data import generate
    from pages.models import NewsPage, PlanPeriodPage
    from pages.visibility import Visibility

    started = time.perf_counter()
    counts = generate(size=size)
    generate_seconds = round(time.perf_counter() - started, 1)
    connection.close()
    visibility = Visibility()
    news = visibility.pages(NewsPage.objects.order_by("path")).first()
    period = visibility.pages(PlanPeriodPage.objects.order_by("-start_date")).first()
    operations = _operations({"news_path": "/" + news.url_path.split("/", 2)[2], "period_slug": period.slug})
    if args.only:
        operations = {k: v for k, v in operations.items() if k in args.only}
    in_proc, equal = in_process(operations, args.iterations)
    result = {
        "size": size,
        "counts": counts,
        "generate_seconds": generate_seconds,
        "iterations": args.iterations,
        "http_connections": args.connections,
        "http_seconds": args.seconds,
        "in_process": in_proc,
        "rejections": rejections(args.iterations),
        "adversarial": adversarial(args.iterations),
    }
    result["http"] = {} if args.no_http else over_http(operations, connections=args.connections, seconds=args.seconds)
    result["ratios"] = {
        name: {
            "A/C": ratio(row["A"]["p50_ms"], row.get("C", {}).get("p50_ms")),
            "A/B": ratio(row["A"]["p50_ms"], row.get("B", {}).get("p50_ms")),
            "D/E rps": ratio(
                result["http"].get(name, {}).get("D", {}).get("rps"),
                result["http"].get(name, {}).get("E", {}).get("rps"),
            ),
            "Dp/E rps": ratio(
                result["http"].get(name, {}).get("Dp", {}).get("rps"),
                result["http"].get(name, {}).get("E", {}).get("rps"),
            ),
            "C equals A": equal.get(name),
        }
        for name, row in in_proc.items()
    }
    if args.soak:
        result["soak"] = [soak("HomePage", {}, seconds=args.soak), soak("HomePage", {}, seconds=args.soak, cached=True)]
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", default=["S", "M"])
    parser.add_argument("--iterations", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--soak", type=int, default=0, help="seconds of the 32-connection soak (0: none)")
    parser.add_argument("--soak-size", default="M")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--no-http", action="store_true")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.bench")
    import django

    django.setup()
    import cms.wsgi  # noqa: F401  (as in the servers: the URLconf loaded, the startup heap frozen for the collector)

    RESULTS.mkdir(parents=True, exist_ok=True)
    info = machine()
    stamp = time.strftime("%Y-%m-%d", time.gmtime())
    for size in args.sizes:
        soak_seconds = args.soak
        args.soak = soak_seconds if size == args.soak_size else 0
        result = run_size(size, args)
        args.soak = soak_seconds
        result["machine"] = info
        (RESULTS / f"{stamp}-{size}.json").write_text(json.dumps(result, indent=2, default=str))
        text = markdown(size, result)
        (RESULTS / f"{stamp}-{size}.md").write_text(
            f"# Benchmark {stamp}, size {size}\n\n{machine_line(info)}\n\n{text}"
        )
        print(text, flush=True)
        for name, r in result["ratios"].items():
            print(f"{size} {name}: A/C {r['A/C']}  A/B {r['A/B']}  D/E {r['D/E rps']}", flush=True)
    (RESULTS / "latest.md").write_text(latest_summary(info))


if __name__ == "__main__":
    main()
