"""Persisted queries are bounded: only accepted documents are stored, and new ones at a limited rate (issue 11, point 5)."""

import hashlib
import json

import pytest
from django.core.cache import cache
from django.test import override_settings

from api.persisted_queries import PERSISTED_PREFIX

pytestmark = pytest.mark.django_db

GOOD = "query Areas { housingAreas { title } }"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # the registry and django-ratelimit's counters live in the test cache
    yield
    cache.clear()


def _extensions(query: str) -> dict:
    return {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}


def _register(client, query: str, **extra):
    payload = {"query": query, "extensions": _extensions(query)}
    return client.post("/graphql/", json.dumps(payload), content_type="application/json", **extra)


def _stored(query: str) -> bool:
    return cache.get(PERSISTED_PREFIX + _extensions(query)["persistedQuery"]["sha256Hash"]) is not None


def _short(client, query: str):
    return client.post("/graphql/", json.dumps({"extensions": _extensions(query)}), content_type="application/json")


def test_an_accepted_query_is_registered(client, site_tree):
    assert _register(client, GOOD).status_code == 200
    assert _stored(GOOD)
    short = _short(client, GOOD)
    assert short.status_code == 200 and short.json() == {"data": {"housingAreas": []}}


@pytest.mark.parametrize(
    "query",
    [
        "{ this is not graphql",
        "{ noSuchField }",
        "{ newsItems(perPage: 100) { items { children(limit: 100) { title urlPath slug } } } }",  # over the cost
        "{ " + " ".join(f"a{i}: housingAreas {{ title }}" for i in range(20)) + " }",  # over the aliases
        "x" * 9_000,
    ],
    ids=["syntax", "unknown-field", "cost", "aliases", "junk"],
)
def test_a_refused_document_is_not_registered(client, site_tree, query):
    """Any text up to 10 kB used to be stored for 24 h, even invalid GraphQL."""
    assert _register(client, query).status_code == 400
    assert not _stored(query)
    assert _short(client, query).json()["errors"][0]["message"] == "PersistedQueryNotFound"


@override_settings(GRAPHQL_PERSISTED_RATE_PER_IP="3/m")
def test_new_registrations_are_rate_limited_per_client(client, site_tree):
    """300 registrations from one client grew Redis by 3 MB in 3 s; now a client registers at most the rate."""
    queries = [f"query Q{i} {{ housingAreas {{ title }} }}" for i in range(6)]
    for query in queries:
        response = _register(client, query, REMOTE_ADDR="10.0.0.1")
        assert response.status_code == 200 and response.json() == {"data": {"housingAreas": []}}  # still answered
    assert [_stored(query) for query in queries] == [True, True, True, False, False, False]
    # Another client has its own allowance.
    assert _register(client, queries[4], REMOTE_ADDR="10.0.0.2").status_code == 200
    assert _stored(queries[4])


@override_settings(GRAPHQL_PERSISTED_RATE_PER_IP="1/m")
def test_renewing_a_stored_query_does_not_count(client, site_tree):
    for _ in range(5):
        _register(client, GOOD, REMOTE_ADDR="10.0.0.3")
    assert _stored(GOOD)
    other = "query Other { planPeriods { title } }"
    _register(client, other, REMOTE_ADDR="10.0.0.3")
    assert not _stored(other)  # the one allowed new registration went to GOOD


@override_settings(GRAPHQL_PERSISTED_RATE_PER_IP="1/m", RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP")
def test_the_client_address_follows_the_ratelimit_meta_key(client, site_tree):
    first, second = "query A { planPeriods { title } }", "query B { planPeriods { title } }"
    _register(client, first, HTTP_X_REAL_IP="192.0.2.1")
    _register(client, second, HTTP_X_REAL_IP="192.0.2.2")
    assert _stored(first) and _stored(second)


def test_a_hash_that_is_not_hex_is_refused(client):
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": "z" * 64}}
    response = client.post("/graphql/", json.dumps({"extensions": extensions}), content_type="application/json")
    assert response.status_code == 400 and "sha256Hash" in response.json()["errors"][0]["message"]
