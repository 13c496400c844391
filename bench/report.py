"""The benchmark's report: the machine, the markdown tables and the newest result per size."""

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from .contract import RESULTS, ROOT


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
    if result.get("adversarial"):
        from .adversarial import markdown_lines

        lines += markdown_lines(result["adversarial"])
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
