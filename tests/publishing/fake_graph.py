"""A local HTTP server that speaks the two Graph API endpoints the Facebook publisher uses.

- `POST /{version}/{page_id}/feed` with form fields `message`, `link`: records the post
  and answers `{"id": "{page_id}_{n}"}`.
- `GET /{version}/{page_id}/feed?fields=id,message,link,created_time&since=&limit=`:
  the recorded posts created at `since` (a unix timestamp) or later, newest first, as
  `{"data": [...], "paging": {"cursors": ..., "next": ...}}`. Like Facebook, it answers
  with at most `feed_page_cap` posts whatever the `limit`, and its `next` URL carries
  the token in its query.
- The token is accepted as `Authorization: Bearer ...` or as `access_token` (query or
  form), as Facebook does; a wrong one gets code 190. Every request line is kept in
  `request_lines`, as an access log would keep it. Errors use the Graph API's JSON format
  `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`.
- `link_as_shown` rewrites each post's link in feed answers the way Facebook may
  (another scheme, a trailing slash, tracking parameters, its redirector), and
  `feed_lag` keeps a new post out of the feed for that many seconds.

Tests script what the next POSTs (or feed reads) do: an error, an answer later than the
client's timeout (with or without the post being created), a connection dropped
after reading the request, or a callback (the kill of the job's process) right
after the post is created and before the answer.

Run it by hand to try the job without Facebook:

    python -m tests.publishing.fake_graph --port 8765
"""

import argparse
import contextlib
import datetime as dt
import itertools
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

DEFAULT_PAGE_ID = "1234567890"
DEFAULT_TOKEN = "fake-page-token"
API_VERSION = "v23.0"


@dataclass(frozen=True)
class Behaviour:
    """What the server does with one request. `accept`: the post is created (for POSTs)."""

    kind: str  # "ok" | "error" | "slow" | "drop" | "callback" (for feed reads: called before answering)
    accept: bool = True
    http_status: int = 200
    code: int | None = None
    message: str = ""
    seconds: float = 0.0
    callback: Callable[[], None] | None = None


def ok() -> Behaviour:
    return Behaviour("ok")


def error(http_status: int, code: int | None, message: str) -> Behaviour:
    return Behaviour("error", accept=False, http_status=http_status, code=code, message=message)


def slow(seconds: float, *, accept: bool) -> Behaviour:
    """Answer after `seconds` (longer than the client waits); `accept`: create the post first."""
    return Behaviour("slow", accept=accept, seconds=seconds)


def drop(*, accept: bool) -> Behaviour:
    """Read the request, then close the connection without an answer."""
    return Behaviour("drop", accept=accept)


def after_accept(callback: Callable[[], None]) -> Behaviour:
    """Create the post, call `callback` (e.g. kill the job), then answer if anyone still listens."""
    return Behaviour("callback", callback=callback)


class FakeGraphApi:
    def __init__(self, *, page_id: str = DEFAULT_PAGE_ID, access_token: str = DEFAULT_TOKEN, port: int = 0):
        self.page_id = page_id
        self.access_token = access_token
        self.posts: list[dict] = []
        self.post_requests = 0
        self.feed_requests = 0
        self.post_delay = 0.0  # seconds every successful POST waits before answering
        self.feed_page_cap = 25  # posts per feed answer at most, whatever the `limit`
        self.feed_lag = 0.0  # seconds before a new post shows in the feed
        self.link_as_shown: Callable[[str], str] = lambda link: link
        self.request_lines: list[str] = []  # method and path with query, as an access log has them
        self.feed_queries: list[dict[str, str]] = []
        self._post_script: deque[Behaviour] = deque()
        self._feed_script: deque[Behaviour] = deque()
        self._ids = itertools.count(1001)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        """The FACEBOOK_GRAPH_API_URL to give the job."""
        return f"http://127.0.0.1:{self.port}/{API_VERSION}"

    def start(self) -> "FakeGraphApi":
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """In the foreground, for running by hand."""
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def script_posts(self, *behaviours: Behaviour) -> None:
        """The next POSTs do these, in order; later ones succeed."""
        with self._lock:
            self._post_script.extend(behaviours)

    def script_feed_reads(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self._feed_script.extend(behaviours)

    def links(self) -> list[str]:
        with self._lock:
            return [post["link"] for post in self.posts]

    # --- request handling (called from the server's threads) ---

    def next_behaviour(self, *, post: bool) -> Behaviour:
        with self._lock:
            if post:
                self.post_requests += 1
            else:
                self.feed_requests += 1
            script = self._post_script if post else self._feed_script
            return script.popleft() if script else ok()

    def create_post(self, *, message: str, link: str, created: dt.datetime | None = None) -> str:
        """Record a post (as the job makes it, or as someone else on the page does, with `created`)."""
        with self._lock:
            post_id = f"{self.page_id}_{next(self._ids)}"
            now = dt.datetime.now(dt.UTC)
            self.posts.append(
                {
                    "id": post_id,
                    "message": message,
                    "link": link,
                    "created": created or now,
                    "visible_from": now + dt.timedelta(seconds=self.feed_lag),
                }
            )
            return post_id

    def feed(self, *, fields: list[str], since: int | None, limit: int, after: int) -> tuple[list[dict], int | None]:
        """One answer of the feed, newest first, and the offset of the next one (None when this is the last)."""
        with self._lock:
            now = dt.datetime.now(dt.UTC)
            newest_first = sorted(enumerate(self.posts), key=lambda item: (item[1]["created"], item[0]), reverse=True)
            posts = [
                post
                for _, post in newest_first
                if post["visible_from"] <= now and (since is None or post["created"].timestamp() >= since)
            ]
            size = max(1, min(limit, self.feed_page_cap))
            rows = []
            for post in posts[after : after + size]:
                shown = {
                    "id": post["id"],
                    "message": post["message"],
                    "link": self.link_as_shown(post["link"]) if post["link"] else "",
                    "created_time": post["created"].strftime("%Y-%m-%dT%H:%M:%S+0000"),
                }
                rows.append({key: shown[key] for key in fields if key in shown})
            return rows, (after + size if after + size < len(posts) else None)


def graph_error_body(code: int | None, message: str, *, error_type: str = "OAuthException", subcode=None) -> dict:
    return {
        "error": {
            "message": message,
            "type": error_type,
            "code": code,
            "error_subcode": subcode,
            "fbtrace_id": "AfakeTraceId123",
        }
    }


def _handler_for(api: FakeGraphApi):
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: one request per connection, so a dropped connection is always "after send".
        protocol_version = "HTTP/1.0"

        def log_message(self, format, *args):  # quiet in tests
            pass

        def do_GET(self):
            api.request_lines.append(f"GET {self.path}")
            url = urlsplit(self.path)
            query = {key: values[-1] for key, values in parse_qs(url.query).items()}
            if not self._route_ok(url.path):
                return
            behaviour = api.next_behaviour(post=False)
            api.feed_queries.append(query)
            if not self._token_ok(query.get("access_token")):
                return
            if behaviour.kind == "callback" and behaviour.callback:
                behaviour.callback()
            if not self._apply_failure(behaviour):
                return
            fields = (query.get("fields") or "id,message,link,created_time").split(",")
            after = int(query.get("after") or 0)
            since = int(query["since"]) if query.get("since") else None
            limit = int(query.get("limit") or 25)
            rows, next_after = api.feed(fields=fields, since=since, limit=limit, after=after)
            paging = {"cursors": {"before": str(after), "after": str(next_after or after)}}
            if next_after is not None:
                # As Facebook does: the next page's full URL, the token in its query.
                next_query = {key: value for key, value in query.items() if key != "after"}
                next_query |= {"after": str(next_after), "access_token": api.access_token}
                paging["next"] = f"http://127.0.0.1:{api.port}{url.path}?{urlencode(next_query)}"
            self._send(200, {"data": rows, "paging": paging})

        def do_POST(self):
            api.request_lines.append(f"POST {self.path}")
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            form = {key: values[-1] for key, values in parse_qs(self.rfile.read(length).decode()).items()}
            if not self._route_ok(url.path):
                return
            behaviour = api.next_behaviour(post=True)
            if not self._token_ok(form.get("access_token")):
                return
            if behaviour.kind == "error":
                self._send(behaviour.http_status, graph_error_body(behaviour.code, behaviour.message))
                return
            if not form.get("message") and not form.get("link"):
                self._send(400, graph_error_body(100, "(#100) Missing message or attachment"))
                return
            post_id = (
                api.create_post(message=form.get("message", ""), link=form.get("link", ""))
                if behaviour.accept
                else None
            )
            if behaviour.kind == "callback" and behaviour.callback:
                behaviour.callback()
            if not self._apply_failure(behaviour):
                return
            if api.post_delay:
                time.sleep(api.post_delay)
            self._send(200, {"id": post_id})

        def _route_ok(self, path: str) -> bool:
            parts = [part for part in path.split("/") if part]
            if len(parts) >= 2 and parts[-1] == "feed" and parts[-2] == api.page_id:
                return True
            self._send(
                400, graph_error_body(100, f"(#100) Unsupported request: {path}", error_type="GraphMethodException")
            )
            return False

        def _token_ok(self, token: str | None) -> bool:
            header = self.headers.get("Authorization") or ""
            if header.startswith("Bearer "):
                token = header.removeprefix("Bearer ")
            if token == api.access_token:
                return True
            self._send(400, graph_error_body(190, "Error validating access token: Session has expired.", subcode=463))
            return False

        def _apply_failure(self, behaviour: Behaviour) -> bool:
            """False when the behaviour already ended the request."""
            if behaviour.kind == "error":
                self._send(behaviour.http_status, graph_error_body(behaviour.code, behaviour.message))
                return False
            if behaviour.kind == "drop":
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
                return False
            if behaviour.kind == "slow":
                time.sleep(behaviour.seconds)
            return True

        def _send(self, status: int, body: dict) -> None:
            payload = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:
                pass  # the client gave up (timeout) or was killed: nobody to answer

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="A fake Facebook Graph API on 127.0.0.1 for trying the publisher.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--page-id", default=DEFAULT_PAGE_ID)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    args = parser.parse_args()
    api = FakeGraphApi(page_id=args.page_id, access_token=args.token, port=args.port)
    print(
        "Fake Graph API listening. Run the job with:\n"
        f"  FACEBOOK_GRAPH_API_URL={api.url} FACEBOOK_PAGE_ID={api.page_id} "
        f"FACEBOOK_PAGE_ACCESS_TOKEN={api.access_token} python manage.py publish_to_facebook\n"
        f"Posts so far: curl -H 'Authorization: Bearer {api.access_token}' '{api.url}/{api.page_id}/feed'",
        flush=True,
    )
    with contextlib.suppress(KeyboardInterrupt):
        api.serve_forever()


if __name__ == "__main__":
    main()
