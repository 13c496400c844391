"""`make bench`: the contract operations side by side, per data size, on the configured database.

    DJANGO_SETTINGS_MODULE=cms.settings.bench DATABASE_URL=postgres://... python -m bench.run --sizes S M

For each size: build the data set, then for each operation and implementation
(A GraphQL uncached, B Wagtail REST, C hand-written view, D response-cache hit
for the short persisted-query GET, Dp the same hit for a POST of the whole
contract document (HTTP only), E the same answer as fixed bytes) measure in-process (Django test client through the real URLconf
and middleware): SQL queries and p50/p95 latency; then over HTTP against gunicorn
(2 workers, loopback) with wrk (fixed connections and duration): requests per
second and errors. Optionally (--soak) 32 connections for 60 s with the workers'
memory sampled from /proc. Writes bench/results/<date>-<size>.{md,json} and
bench/results/latest.md.
"""

import argparse
import hashlib
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CONTRACT = (ROOT / "tests" / "api" / "contract_frontend.graphql").read_text() + (
    ROOT / "tests" / "api" / "contract_jobs.graphql"
).read_text()
PORT = int(os.environ.get("BENCH_PORT", "8765"))
GOAL_OPERATIONS = ("HomePage", "PlanPeriod", "DocumentLibrary", "NewsletterContent")


def _operations(data_info: dict) -> dict[str, dict]:
    """Operation -> variables, and the B/C URLs that serve the same data (None: cannot)."""
    news_path = data_info["news_path"]
    month = {"from": "2025-12-01T00:00:00+00:00", "to": "2026-01-01T00:00:00+00:00"}
    newsletter = {
        **month,
        "eventsFrom": "2026-01-01T00:00:00+00:00",
        "eventsTo": "2026-02-01T00:00:00+00:00",
    }
    qs = urllib.parse.urlencode
    return {
        "HomePage": {"variables": {}, "C": "/bench/c/home-page/", "B": None},
        "PlanArchive": {"variables": {}, "C": None, "B": None},
        "PlanPeriod": {
            "variables": {"slug": data_info["period_slug"]},
            "C": "/bench/c/plan-period/?" + qs({"slug": data_info["period_slug"]}),
            "B": None,
        },
        "HousingAreas": {
            "variables": {},
            "C": None,
            "B": "/bench/rest/pages/?type=pages.HousingAreaPage&fields=title,slug,local_status_label&limit=20",
        },
        "DocumentLibrary": {
            "variables": {"kind": None, "planPeriod": None, "page": 1},
            "C": "/bench/c/document-library/?page=1",
            "B": "/bench/rest/documents/?limit=20&order=-published_on&fields=title,kind,published_on,file_size",
        },
        "PageByPath": {
            "variables": {"path": news_path},
            "C": None,
            "B": "/bench/rest/pages/find/?" + qs({"html_path": news_path}),
        },
        "FacebookCandidates": {"variables": {"since": "2025-12-01T00:00:00+00:00"}, "C": None, "B": None},
        "NewsletterContent": {
            "variables": newsletter,
            "C": "/bench/c/newsletter-content/?" + qs(newsletter),
            "B": None,
        },
    }


def graphql_url(operation: str, variables: dict) -> str:
    return "/graphql/?" + urllib.parse.urlencode(
        {"query": CONTRACT, "operationName": operation, "variables": json.dumps(variables)}
    )


CONTRACT_HASH = hashlib.sha256(CONTRACT.encode()).hexdigest()
PERSISTED = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": CONTRACT_HASH}})


def persisted_url(operation: str, variables: dict, *, register: bool = False) -> str:
    """The short GET a CDN-fronted client sends (APQ); `register` adds the text, as the first request does."""
    params = {"operationName": operation, "variables": json.dumps(variables), "extensions": PERSISTED}
    if register:
        params["query"] = CONTRACT
    return "/graphql/?" + urllib.parse.urlencode(params)


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
    from bench.views import fixed_write

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
        for i in range(iterations):
            body = json.dumps({"query": f"# {i}\n{query}"})
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


# --- over HTTP -----------------------------------------------------------------


class Gunicorn:
    def __init__(self, workers: int = 2):
        env = {**os.environ, "GRAPHQL_RESPONSE_CACHE": "true"}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "cms.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(workers),
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                import httpx

                if httpx.get(f"http://127.0.0.1:{PORT}/healthz/", timeout=1).status_code == 200:
                    return
            except Exception:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        return [int(pid) for pid in out.split()]

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            # Workers busy with slow requests outlive a graceful stop: kill the whole group, so that
            # no orphaned worker keeps the port.
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def graphql_post_script(operation: str, variables: dict, headers: dict | None = None) -> Path:
    """A wrk Lua script that POSTs the operation as JSON (the contract is too long for a GET URL)."""
    body = json.dumps({"query": CONTRACT, "operationName": operation, "variables": variables})
    lines = ['wrk.method = "POST"', f"wrk.body = [==[{body}]==]", 'wrk.headers["Content-Type"] = "application/json"']
    lines += [f'wrk.headers["{key}"] = "{value}"' for key, value in (headers or {}).items()]
    path = ROOT / "bench" / "tmp" / f"{operation}-{'-'.join(sorted(headers or {})) or 'plain'}.lua"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return path


def wrk(url: str, *, connections: int, seconds: int, headers: dict | None = None, script: Path | None = None) -> dict:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    for key, value in (headers or {}).items():
        command += ["-H", f"{key}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    warm = [c.replace(f"-d{seconds}s", "-d1s") for c in command]  # each worker imports and connects first
    subprocess.run([*warm, f"http://127.0.0.1:{PORT}{url}"], capture_output=True)
    out = subprocess.run([*command, f"http://127.0.0.1:{PORT}{url}"], capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket.groups())) if socket else 0)

    def percentile(label):
        match = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out)
        if not match:
            return None
        value, unit = float(match.group(1)), match.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)

    return {
        "rps": round(rps, 1),
        "requests": total,
        "errors": errors,
        "p50_ms": percentile(50),
        "p99_ms": percentile(99),
    }


def _persisted_register(operation: str, variables: dict) -> None:
    """Register the contract under its hash (a POST: the full text is too long for gunicorn's request line)."""
    import httpx

    body = {"query": CONTRACT, "operationName": operation, "variables": variables, "extensions": json.loads(PERSISTED)}
    response = httpx.post(f"http://127.0.0.1:{PORT}/graphql/", json=body, timeout=120)
    assert response.status_code == 200 and "errors" not in response.json(), response.text[:300]
    short = httpx.get(f"http://127.0.0.1:{PORT}{persisted_url(operation, variables)}", timeout=120)
    assert short.status_code == 200 and "errors" not in short.json(), short.text[:300]
    assert short.content == response.content


def over_http(operations: dict, *, connections: int, seconds: int) -> dict:
    import httpx

    results: dict[str, dict] = {}
    server = Gunicorn()
    try:
        bypass = {"Authorization": "bench-uncached"}  # the cache never serves requests with credentials
        for name, spec in operations.items():
            uncached = graphql_post_script(name, spec["variables"], bypass)
            cached = graphql_post_script(name, spec["variables"])
            row = {"A": wrk("/graphql/", connections=connections, seconds=seconds, script=uncached)}
            if spec["B"]:
                b_url = spec["B"]
                if "/find/" in b_url:  # wrk does not follow redirects: measure the detail view it points to
                    # Wagtail's find view takes seconds at size L: wait for it.
                    b_url = httpx.get(
                        f"http://127.0.0.1:{PORT}{b_url}", headers={"Host": "localhost"}, timeout=120
                    ).headers.get("location", b_url)
                    b_url = urllib.parse.urlsplit(b_url)._replace(scheme="", netloc="").geturl()
                row["B"] = wrk(b_url, connections=connections, seconds=seconds)
                # At size L one B request takes seconds: wrk stops, but the sync workers are still busy
                # with the queued requests and every later cell would measure nothing. Start afresh.
                server.stop()
                server = Gunicorn()
            if spec["C"]:
                row["C"] = wrk(spec["C"], connections=connections, seconds=seconds)
            # D: the short APQ GET a CDN-fronted client sends; Dp: a POST of the whole contract document.
            _persisted_register(name, spec["variables"])
            row["D"] = wrk(persisted_url(name, spec["variables"]), connections=connections, seconds=seconds)
            row["Dp"] = wrk("/graphql/", connections=connections, seconds=seconds, script=cached)
            row["E"] = wrk(f"/bench/fixed/{name}/", connections=connections, seconds=seconds)
            results[name] = row
    finally:
        server.stop()
    return results


def soak(operation: str, variables: dict, *, connections: int = 32, seconds: int = 60, cached: bool = False) -> dict:
    """Bounded load against 2 workers; RSS of each worker sampled every 2 s."""
    import threading

    server = Gunicorn()
    samples: list[tuple[float, list[int]]] = []
    stop = threading.Event()

    def sample():
        started = time.perf_counter()
        while not stop.is_set():
            samples.append((round(time.perf_counter() - started, 1), [rss_kb(pid) for pid in server.worker_pids()]))
            stop.wait(2)

    thread = threading.Thread(target=sample)
    try:
        thread.start()
        headers = None if cached else {"Authorization": "bench-uncached"}
        script = graphql_post_script(operation, variables, headers)
        result = wrk("/graphql/", connections=connections, seconds=seconds, script=script)
    finally:
        stop.set()
        thread.join()
        server.stop()
    totals = [sum(rss) for _, rss in samples if rss]
    third = max(1, len(totals) // 3)
    first, last = statistics.mean(totals[:third]), statistics.mean(totals[-third:])
    return {
        "operation": operation,
        "cached": cached,
        "connections": connections,
        "seconds": seconds,
        **result,
        "rss_kb_first_third": round(first),
        "rss_kb_last_third": round(last),
        "rss_growth_pct": round(100 * (last - first) / first, 1),
        "samples": samples,
    }


# --- report ----------------------------------------------------------------------


def machine() -> dict:
    import django
    import graphene
    import graphql
    import wagtail
    from django.db import connection

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    with connection.cursor() as cursor:
        cursor.execute("select version()" if connection.vendor == "postgresql" else "select sqlite_version()")
        database = cursor.fetchone()[0]

    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    gunicorn = subprocess.run([sys.executable, "-m", "gunicorn", "--version"], capture_output=True, text=True)
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "note": "2 cores shared with other engineers' test runs during the day; numbers are noisy",
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "graphene": graphene.__version__,
        "graphql_core": graphql.__version__,
        "gunicorn": (gunicorn.stdout or gunicorn.stderr).strip(),
        "wrk": wrk_version,
        "database": database.split(" on ")[0],
        "cache": (os.environ.get("REDIS_URL") and "redis") or "locmem",
        "commit": git("rev-parse", "--short", "HEAD") + ("-dirty" if git("status", "--porcelain") else ""),
    }


def ratio(a, b):
    return round(a / b, 2) if a and b else None


def markdown(size: str, result: dict) -> str:
    lines = [
        f"## Size {size} ({result['counts']['pages']} pages, {result['counts']['documents']} documents)",
        "",
        f"Data generated in {result['generate_seconds']} s. In-process: {result['iterations']} requests per cell "
        f"(Django test client, real URLconf and middleware). HTTP: gunicorn 2 sync workers, "
        f"`wrk -t1 -c{result['http_connections']} -d{result['http_seconds']}s` per cell, loopback.",
        "",
        "| Operation | Impl | SQL | p50 ms | p95 ms | bytes | HTTP req/s | HTTP p50 ms | HTTP errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in result["in_process"].items():
        http_row = result["http"].get(name, {})
        for impl in ("A", "B", "C", "D", "Dp", "E"):
            if impl not in row and impl not in http_row:
                continue
            cell, http = row.get(impl, {}), http_row.get(impl, {})
            lines.append(
                f"| {name} | {impl} | {cell.get('sql', '')} | {cell.get('p50_ms', '')} | {cell.get('p95_ms', '')} | "
                f"{cell.get('bytes', '')} | "
                f"{http.get('rps', '')} | {http.get('p50_ms', '')} | {http.get('errors', '')} |"
            )
    silent = [
        f"{name} {impl}"
        for name, row in result["http"].items()
        for impl, cell in row.items()
        if cell.get("requests") == 0
    ]
    if silent:
        lines += [
            "",
            f"No request completed within the {result['http_seconds']} s HTTP cell (each takes longer): "
            + ", ".join(silent)
            + ".",
        ]
    lines += [
        "",
        "| Operation | A/C p50 | A/B p50 | D/E req/s | Dp/E req/s | C JSON equals A |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, r in result["ratios"].items():
        lines.append(f"| {name} | {r['A/C']} | {r['A/B']} | {r['D/E rps']} | {r.get('Dp/E rps')} | {r['C equals A']} |")
    lines += ["", "Rejected abusive documents (each text new, so no parse cache):", ""]
    lines += ["| Case | p50 ms | p95 ms | max SQL | status |", "|---|---:|---:|---:|---|"]
    for name, r in result["rejections"].items():
        lines.append(f"| {name} | {r['p50_ms']} | {r['p95_ms']} | {r['max_sql']} | {r['statuses']} |")
    if result.get("soak"):
        for s in result["soak"]:
            lines += [
                "",
                f"Soak: {s['operation']} ({'cache hit' if s['cached'] else 'uncached'}), {s['connections']} connections "
                f"for {s['seconds']} s, 2 workers: {s['requests']} requests, {s['rps']} req/s, {s['errors']} errors, "
                f"p99 {s['p99_ms']} ms; worker RSS {s['rss_kb_first_third']} kB (first third) -> "
                f"{s['rss_kb_last_third']} kB (last third), {s['rss_growth_pct']} %.",
            ]
    return "\n".join(lines) + "\n"


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


def machine_line(info: dict) -> str:
    return (
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} at commit `{info['commit']}` on {info['cpu']}, "
        f"{info['cores']} cores ({info['note']}); Python {info['python']}, Django {info['django']}, "
        f"Wagtail {info['wagtail']}, graphene {info['graphene']}, graphql-core {info['graphql_core']}, "
        f"{info['gunicorn']}, {info['wrk']}, {info['database']}, cache: {info['cache']}."
    )


def latest_summary(info: dict) -> str:
    """The newest result of every size (sizes run separately, e.g. L, are kept), with the machine."""
    lines = [f"# Benchmark results, newest per size (written {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})", ""]
    for size in ("S", "M", "L"):
        files = sorted(RESULTS.glob(f"????-??-??-{size}.md"))
        if files:
            lines.append(files[-1].read_text().split("\n", 2)[2])
    return "\n".join(lines)


if __name__ == "__main__":
    main()
