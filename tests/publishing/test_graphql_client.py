"""The jobs' GraphQL client against a real HTTP server on loopback: each failure has its own type."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from publishing.graphql_client import CmsAnswerError, CmsRefusedError, CmsUnavailableError, GraphQLClient


class _Server:
    """Answers each POST with the next (status, body) of a script; counts the requests."""

    def __init__(self, script: list[tuple[int, bytes] | str]):
        self.script = list(script)
        self.requests = 0
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                step = server.script[min(server.requests, len(server.script) - 1)]
                server.requests += 1
                if step == "hang":
                    server.release.wait(5)
                    return
                status, body = step
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/graphql/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers = []

    def start(*script):
        servers.append(_Server(list(script)))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def _client(url: str) -> GraphQLClient:
    return GraphQLClient(url=url, timeout=0.3, attempts=3, retry_base=0.01, retry_cap=0.02)


def _execute(client: GraphQLClient) -> dict:
    return client.execute(query="query Q { __typename }", operation_name="Q", variables={})


def test_answer_returns_data(serve):
    server = serve((200, json.dumps({"data": {"__typename": "Query"}}).encode()))
    assert _execute(_client(server.url)) == {"__typename": "Query"}
    assert server.requests == 1


def test_5xx_is_retried_then_succeeds(serve):
    server = serve((503, b"{}"), (502, b"{}"), (200, json.dumps({"data": {"x": 1}}).encode()))
    assert _execute(_client(server.url)) == {"x": 1}
    assert server.requests == 3


def test_a_hung_cms_is_unavailable_after_every_attempt(serve):
    server = serve("hang")
    with pytest.raises(CmsUnavailableError, match="CMS'et svarede ikke"):
        _execute(_client(server.url))
    assert server.requests == 3


def test_graphql_errors_are_refused_without_retry(serve):
    server = serve((400, json.dumps({"errors": [{"message": "Forespørgslen er for dyb"}]}).encode()))
    with pytest.raises(CmsRefusedError, match="Forespørgslen er for dyb"):
        _execute(_client(server.url))
    assert server.requests == 1


def test_an_answer_that_is_not_graphql(serve):
    server = serve((200, b"<html>proxy error</html>"))
    with pytest.raises(CmsAnswerError, match="ikke med JSON"):
        _execute(_client(server.url))
    server = serve((200, b"[1, 2]"))
    with pytest.raises(CmsAnswerError, match="uventet JSON"):
        _execute(_client(server.url))
