"""The benchmark over HTTP: gunicorn on loopback, wrk as the bounded load generator, worker memory from /proc."""

import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from .contract import DOCUMENTS, PORT, ROOT, persisted_url


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
    """A wrk Lua script that POSTs the operation as JSON (a long document does not fit gunicorn's request line)."""
    body = json.dumps({"query": DOCUMENTS[operation], "operationName": operation, "variables": variables})
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
    """Register the operation's document under its hash (a POST: a long text does not fit gunicorn's request line)."""
    import hashlib

    import httpx

    digest = hashlib.sha256(DOCUMENTS[operation].encode()).hexdigest()
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    body = {"query": DOCUMENTS[operation], "operationName": operation, "variables": variables, "extensions": persisted}
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
