"""The response cache on real Redis: hits make no round trip, yet another process's bump is seen at once.

Each worker keeps the content generation and copies of entries in memory and
learns of bumps from Redis pushes (api.generation). These tests run against the
Redis server on loopback (REDIS_TEST_URL, default db 15) with a key prefix of
their own, and skip when no Redis answers there.
"""

import json
import os
import subprocess
import sys
import time
import uuid

import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import cache as response_cache
from api import cache_generation, persisted_queries
from api.generation import TrackedCounter

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
NEWS = "query News { newsItems(perPage: 5) { items { title } } }"


@pytest.fixture
def server():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"needs a Redis server at {REDIS_URL}")
    yield client
    client.close()


@pytest.fixture
def redis_cache(settings, server):
    prefix = f"t{uuid.uuid4().hex[:10]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    settings.GRAPHQL_RESPONSE_CACHE = True
    # Hits here must cost no SQL whatever the machine's speed: no periodic look at failed bumps.
    settings.GRAPHQL_FAILED_BUMP_RECHECK = 3600
    yield cache.make_key(cache_generation.GENERATION_KEY)
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)
    response_cache.reset()


@pytest.fixture
def fetch(client):
    def run(query=NEWS):
        with CaptureQueriesContext(connection) as queries:
            response = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
        return response, len(queries.captured_queries)

    return run


def commands_processed(server) -> int:
    return int(server.info("stats")["total_commands_processed"])


def test_a_hit_makes_no_round_trip_to_redis(redis_cache, server, news, fetch):
    first, _ = fetch()
    assert first["X-Cache"] == "MISS"
    baseline = commands_processed(server)
    idle = commands_processed(server) - baseline  # what reading the counter itself costs
    before = commands_processed(server)
    for _ in range(5):
        hit, queries = fetch()
        assert hit["X-Cache"] == "HIT" and queries == 0 and hit.content == first.content
    assert commands_processed(server) - before == idle


def test_a_bump_by_another_process_is_seen_by_the_very_next_request(redis_cache, server, news, fetch):
    """No sleep anywhere: the push has arrived by the time the bumping process has its reply."""
    assert fetch()[0]["X-Cache"] == "MISS"
    assert fetch()[0]["X-Cache"] == "HIT"
    bump = f"import redis; redis.Redis.from_url({REDIS_URL!r}).incr({redis_cache!r})"
    subprocess.run([sys.executable, "-c", bump], check=True)
    response, queries = fetch()
    assert response["X-Cache"] == "MISS" and queries > 0
    assert fetch()[0]["X-Cache"] == "HIT"


def test_every_bump_is_seen_within_microseconds_not_at_the_recheck(redis_cache, server):
    """Redis writes the INCR's reply and then the push in the same event-loop pass.

    So a reader polling right after the bumper got its reply may, for a few
    microseconds, not have the push yet; it must have it well before the 1 s
    recheck would have caught up. 50 ms leaves room for a busy machine.
    """
    key = f"{redis_cache}:counter"
    server.set(key, 1)
    counter = TrackedCounter.from_url(REDIS_URL, key, recheck_seconds=60)  # only pushes can update it here
    assert counter.get() == 1
    for expected in range(2, 502):
        server.incr(key)
        deadline = time.monotonic() + 0.05
        while (value := counter.get()) != expected and time.monotonic() < deadline:
            assert value == expected - 1  # never anything but the old or the new value
        assert value == expected
    server.delete(key)
    assert counter.get() is None


def test_a_publish_in_this_process_invalidates(redis_cache, news, fetch, django_capture_on_commit_callbacks):
    assert fetch()[0]["X-Cache"] == "MISS"
    assert fetch()[0]["X-Cache"] == "HIT"
    news.title = "Ny overskrift"
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    response, _ = fetch()
    assert (
        response["X-Cache"] == "MISS" and response.json()["data"]["newsItems"]["items"][0]["title"] == "Ny overskrift"
    )


def test_a_killed_tracking_connection_is_noticed(redis_cache, server, news, fetch):
    assert fetch()[0]["X-Cache"] == "MISS"
    assert fetch()[0]["X-Cache"] == "HIT"
    server.execute_command("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes")
    server.incr(redis_cache)  # a bump made while this process has no tracking connection
    response, queries = fetch()
    assert response["X-Cache"] == "MISS" and queries > 0
    assert fetch()[0]["X-Cache"] == "HIT"


def test_the_counter_is_reread_after_the_recheck_interval_even_without_a_push(redis_cache, server, monkeypatch):
    """Guards against a tracking connection that died silently (no FIN): pushes would never come."""
    key = f"{redis_cache}:counter"
    server.set(key, 1)
    counter = TrackedCounter.from_url(REDIS_URL, key, recheck_seconds=0.2)
    assert counter.get() == 1
    monkeypatch.setattr(counter._connection, "can_read", lambda timeout=0: False)  # the push is lost
    server.incr(key)
    assert counter.get() == 1
    time.sleep(0.25)
    assert counter.get() == 2


def test_an_unreachable_redis_means_no_caching_not_an_error(settings, news, fetch):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    settings.GRAPHQL_RESPONSE_CACHE = True
    assert TrackedCounter.from_url("redis://127.0.0.1:9/0", "k", timeout=0.2).get() is None
    response, queries = fetch()
    assert (
        response.status_code == 200
        and response.json()["data"]["newsItems"]["items"][0]["title"] == "Første nyhed"
        and queries > 0
    )
    assert response["Cache-Control"] == "no-store"
    response_cache.reset()


def test_answers_over_the_local_budget_are_served_from_redis(redis_cache, settings, news, fetch):
    settings.GRAPHQL_CACHE_LOCAL_BYTES = 100  # smaller than any answer
    first, _ = fetch()
    hit, queries = fetch()
    assert hit["X-Cache"] == "HIT" and queries == 0 and hit.content == first.content


def test_a_posts_url_is_part_of_its_key(redis_cache, news, client, site_tree):
    """graphene reads query and ?pretty from the URL before the body: the URL must not poison the body's entry."""
    body = json.dumps({"query": NEWS})
    other = client.post("/graphql/?query={planPeriods{title}}", body, content_type="application/json")
    assert "planPeriods" in other.json()["data"]
    pretty = client.post("/graphql/?pretty=1", body, content_type="application/json")
    assert pretty.content.startswith(b"{\n")
    plain = client.post("/graphql/", body, content_type="application/json")
    assert plain["X-Cache"] == "MISS" and plain.json()["data"]["newsItems"]["items"][0]["title"] == "Første nyhed"
    assert not plain.content.startswith(b"{\n")


def test_a_copy_expires_with_its_shared_entry(redis_cache, settings, news, fetch):
    """A worker that copies an entry late must not keep it past the shared entry's timeout."""
    settings.GRAPHQL_CACHE_TIMEOUT = 2
    started = time.monotonic()
    assert fetch()[0]["X-Cache"] == "MISS"
    response_cache._local = None  # as if another worker served the next request
    time.sleep(1)
    assert fetch()[0]["X-Cache"] == "HIT"  # copied from Redis now, one second before the entry expires
    time.sleep(max(0.0, 2.2 - (time.monotonic() - started)))
    assert fetch()[0]["X-Cache"] == "MISS"


def test_the_counter_uses_django_redis_connection_settings(settings, server, news, fetch):
    """A LOCATION that is a list (django-redis replicas syntax) still tracks the right database."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"{REDIS_URL},{REDIS_URL}",
            "KEY_PREFIX": prefix,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    settings.GRAPHQL_RESPONSE_CACHE = True
    try:
        assert fetch()[0]["X-Cache"] == "MISS"
        assert fetch()[0]["X-Cache"] == "HIT"
        assert cache_generation._tracked and cache_generation._tracked_verified
        server.incr(cache.make_key(cache_generation.GENERATION_KEY))
        assert fetch()[0]["X-Cache"] == "MISS"
    finally:
        for key in server.scan_iter(f"{prefix}:*"):
            server.delete(key)
        response_cache.reset()


def test_an_unreachable_redis_is_not_retried_on_every_request():
    attempts = []

    def connect():
        attempts.append(1)
        return redis.Connection(host="127.0.0.1", port=9, protocol=3, socket_connect_timeout=0.2)

    counter = TrackedCounter(connect, "k", recheck_seconds=60)
    assert counter.get() is None and counter.get() is None and counter.get() is None
    assert len(attempts) == 1


def test_persisted_query_registrations_always_run(redis_cache, news, client):
    """Were a registration served from the cache, an evicted hash could never be registered again."""
    import hashlib

    extensions = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(NEWS.encode()).hexdigest()}}
    register = json.dumps({"query": NEWS, "extensions": extensions})
    for _ in range(2):
        response = client.post("/graphql/", register, content_type="application/json")
        assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    cache.delete(persisted_queries.PERSISTED_PREFIX + extensions["persistedQuery"]["sha256Hash"])  # evicted
    short = json.dumps({"extensions": extensions})
    assert "PersistedQueryNotFound" in client.post("/graphql/", short, content_type="application/json").content.decode()
    client.post("/graphql/", register, content_type="application/json")
    assert client.post("/graphql/", short, content_type="application/json")["X-Cache"] == "MISS"
    assert client.post("/graphql/", short, content_type="application/json")["X-Cache"] == "HIT"
