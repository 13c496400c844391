"""Every malformed request is a JSON 4xx in Danish, never a 500 or an HTML page, in DEBUG too (issue 11, point 4)."""

import json
import urllib.error
import urllib.request

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from api.limits import INVALID_CHARACTER_MESSAGE, MAX_BODY_BYTES

pytestmark = pytest.mark.django_db

ENGLISH = (
    "Validation aborted",
    "Variables are invalid JSON",
    "The received data is not a valid JSON query",
    "Document contains more than",
    "POST body sent invalid JSON",
    "Traceback",
)


def _post(client, body: bytes | str, content_type="application/json"):
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/graphql/", body, content_type=content_type)
    return response, len(queries.captured_queries)


def _assert_json_refusal(response, queries, status=400, fragment=None):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    text = response.content.decode()
    body = json.loads(text)
    assert body["errors"] and all(error["message"] for error in body["errors"])
    assert not any(english in text for english in ENGLISH), text
    if fragment:
        assert fragment in json.dumps(body, ensure_ascii=False), body
    assert queries == 0


DEEP = "[" * 3000 + "]" * 3000
BODIES = {
    "query-number": (json.dumps({"query": 123}), "query skal være en tekst"),
    "query-list": (json.dumps({"query": ["x"]}), "query skal være en tekst"),
    "query-true": (json.dumps({"query": True}), "query skal være en tekst"),
    "query-object": (json.dumps({"query": {"a": 1}}), "query skal være en tekst"),
    "body-list": (json.dumps(["x"]), "JSON-objekt"),
    "body-string": (json.dumps("{ planPeriods { title } }"), "JSON-objekt"),
    "body-number": ("1", "JSON-objekt"),
    "not-json": ("{not json", "ikke gyldig JSON"),
    "variables-list": (json.dumps({"query": "{ planPeriods { title } }", "variables": [1]}), "JSON-objekt"),
    "variables-number": (json.dumps({"query": "{ planPeriods { title } }", "variables": 5}), "JSON-objekt"),
    "variables-bad-json-text": (
        json.dumps({"query": "{ planPeriods { title } }", "variables": "{x"}),
        "ikke gyldig JSON",
    ),
    "variables-3000-deep": ('{"query": "{ planPeriods { title } }", "variables": {"a": ' + DEEP + "}}", "indlejret"),
    "variables-30-deep": (
        json.dumps(
            {
                "query": "query($s: String!) { planPeriod(slug: $s) { title } }",
                "variables": {"s": [[[[[[[[[[[[1]]]]]]]]]]]]},
            }
        ),
        "indlejret",
    ),
    "body-3000-deep": ('{"query": ' + DEEP + "}", "indlejret"),
    "operation-name-number": (json.dumps({"query": "{ planPeriods { title } }", "operationName": 5}), "operationName"),
    "operation-name-list": (
        json.dumps({"query": "{ planPeriods { title } }", "operationName": ["A"]}),
        "operationName",
    ),
    "extensions-list": (json.dumps({"query": "{ planPeriods { title } }", "extensions": [1]}), "extensions"),
    "nul-in-variable": (
        json.dumps({"query": "query($q: String!) { search(query: $q) { __typename } }", "variables": {"q": "a\x00b"}}),
        INVALID_CHARACTER_MESSAGE,
    ),
    "surrogate-in-variable": (
        '{"query": "query($p: String!) { page(urlPath: $p) { title } }", "variables": {"p": "/\\ud800/"}}',
        INVALID_CHARACTER_MESSAGE,
    ),
    "surrogate-in-variable-key": (
        '{"query": "{ planPeriods { title } }", "variables": {"\\udfff": 1}}',
        INVALID_CHARACTER_MESSAGE,
    ),
    "nul-in-literal": (
        json.dumps({"query": '{ search(query: "a\\u0000b") { __typename } }'}),
        INVALID_CHARACTER_MESSAGE,
    ),
    # graphql-core's lexer refuses an escaped lone surrogate itself (English: it quotes the document)
    "surrogate-in-literal": (json.dumps({"query": '{ page(urlPath: "/\\ud800/") { title } }'}), "Syntax Error"),
    "nul-in-slug-literal": (
        json.dumps({"query": '{ newsItems(planPeriod: "x\\u0000") { items { title } } }'}),
        INVALID_CHARACTER_MESSAGE,
    ),
    "raw-surrogate-in-query": ('{"query": "{ page(urlPath: \\"\\ud800\\") { title } }"}', INVALID_CHARACTER_MESSAGE),
    "nul-in-variable-default": (
        json.dumps({"query": 'query($q: String = "\\u0000") { search(query: $q) { __typename } }'}),
        INVALID_CHARACTER_MESSAGE,
    ),
    "tokens": (json.dumps({"query": "{ planPeriods { " + " ".join(["a"] * 2100) + " } }"}), "over 2000 tokens"),
    "many-errors": (
        json.dumps({"query": "{ planPeriods { " + " ".join(f"x{i}" for i in range(30)) + " } }"}),
        "kontrollen blev afbrudt",
    ),
}


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
@pytest.mark.parametrize(("body", "fragment"), BODIES.values(), ids=BODIES.keys())
def test_malformed_bodies_get_a_danish_json_400(client, body, fragment, debug):
    with override_settings(DEBUG=debug):
        response, queries = _post(client, body)
    _assert_json_refusal(response, queries, fragment=fragment)


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_invalid_utf8_gets_a_json_400(client, debug):
    with override_settings(DEBUG=debug):
        response, queries = _post(client, b'{"query": "{ planPeriods { title \xff\xfe } }"}')
    _assert_json_refusal(response, queries, fragment="UTF-8")


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
@pytest.mark.parametrize("size", [MAX_BODY_BYTES + 1, 3 * 1024 * 1024])
def test_a_body_over_the_limit_gets_a_json_413(client, debug, size):
    body = json.dumps({"query": "{ planPeriods { title } }", "variables": {"pad": "x" * size}})
    with override_settings(DEBUG=debug):
        response, queries = _post(client, body)
    _assert_json_refusal(response, queries, status=413, fragment="for stor")


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_a_body_over_the_limit_gets_a_json_413_with_the_response_cache_on(client, debug):
    body = json.dumps({"query": "{ planPeriods { title } }", "variables": {"pad": "x" * 3 * 1024 * 1024}})
    with override_settings(DEBUG=debug, GRAPHQL_RESPONSE_CACHE=True):
        response, queries = _post(client, body)
    _assert_json_refusal(response, queries, status=413)


GETS = {
    "variables-bad-json": ({"query": "{ planPeriods { title } }", "variables": "{x"}, "ikke gyldig JSON"),
    "variables-list": ({"query": "{ planPeriods { title } }", "variables": "[1]"}, "JSON-objekt"),
    "variables-deep": ({"query": "{ planPeriods { title } }", "variables": '{"a":' + DEEP + "}"}, "indlejret"),
    "extensions-bad-json": ({"query": "{ planPeriods { title } }", "extensions": "{x"}, "extensions"),
    "nul-in-query": ({"query": "{ planPeriods { title } }\x00"}, INVALID_CHARACTER_MESSAGE),
    "nul-in-variable": (
        {"query": "query($q: String!) { search(query: $q) { __typename } }", "variables": '{"q": "\\u0000"}'},
        INVALID_CHARACTER_MESSAGE,
    ),
}


@pytest.mark.parametrize(("params", "fragment"), GETS.values(), ids=GETS.keys())
def test_malformed_gets_get_a_danish_json_400(client, params, fragment):
    with CaptureQueriesContext(connection) as queries, override_settings(DEBUG=True):
        response = client.get("/graphql/", params)
    _assert_json_refusal(response, len(queries.captured_queries), fragment=fragment)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # live_server: see tests/conftest.py
def test_over_real_http_a_big_body_and_bad_bytes_get_json(live_server):
    """Through a real socket, with DEBUG on as under `make run`: never Django's debug page."""
    url = live_server.url + "/graphql/"
    cases = [
        (b'{"query": "' + b"x" * (3 * 1024 * 1024) + b'"}', 413),
        (b'{"query": "\xff"}', 400),
        (b'{"query": 123}', 400),
        (b'{"query": "{ planPeriods { title } }", "variables": {"a": ' + DEEP.encode() + b"}}", 400),
    ]
    with override_settings(DEBUG=True):
        for body, status in cases:
            request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request, timeout=30)
            assert refused.value.code == status
            assert refused.value.headers["Content-Type"] == "application/json"
            assert json.loads(refused.value.read())["errors"]
