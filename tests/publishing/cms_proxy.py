"""A loopback HTTP proxy in front of the CMS's GraphQL endpoint, so a test can act between the CMS's answer and the job.

The job reads its candidates over HTTP (`CMS_GRAPHQL_URL`); pointed at this proxy, it
gets the CMS's real answers, but a test can run something right after the CMS answered
and before the job hears it (e.g. an editor publishing a page), or send an answer of
its own instead (e.g. JSON the job does not expect).
"""

import threading
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx


class CmsProxy:
    def __init__(self, *, upstream: str):
        self.upstream = upstream
        self.requests = 0
        self._after_answer: deque[Callable[[], None]] = deque()
        self._answers: deque[bytes] = deque()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/graphql/"

    def start(self) -> "CmsProxy":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def after_next_answer(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the CMS has answered the next request, before passing the answer on."""
        with self._lock:
            self._after_answer.append(callback)

    def answer_next_with(self, body: bytes) -> None:
        """Answer the next request with `body` (HTTP 200, JSON) instead of asking the CMS."""
        with self._lock:
            self._answers.append(body)

    def _next(self) -> tuple[Callable[[], None] | None, bytes | None]:
        with self._lock:
            self.requests += 1
            return (
                self._after_answer.popleft() if self._after_answer else None,
                self._answers.popleft() if self._answers else None,
            )


def _handler_for(proxy: CmsProxy):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            callback, replacement = proxy._next()
            if replacement is not None:
                status, payload = 200, replacement
            else:
                upstream = httpx.post(
                    proxy.upstream, content=body, headers={"Content-Type": "application/json"}, timeout=30
                )
                status, payload = upstream.status_code, upstream.content
            if callback:
                callback()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    return Handler
