"""Cache faults never slow or stale the site: a hung or refused Redis, and a bump of the generation that fails.

Time is never measured: what bounds a request's time is the number of Redis calls
that reach the network (each bounded by REDIS_SOCKET_TIMEOUT), which the circuit
breaker counts.
"""

import json
import logging
import os
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from django.core.cache import cache

from api.circuit import breaker_for, server_name
from api.models import FailedBump
from tests.newsletter.conftest import SUBSCRIBE
from tests.ops.conftest import BASE_DIR, DUMMY_SECRET_KEY, PYTHON, process_env
from tests.publishing.helpers import database_url

from .redis_faults import HungRedis, SwitchableRedisProxy, refused_url

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/12")
NEWS = "query News { newsItems(perPage: 5) { items { title } } }"
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def redis_caches(url: str, *, cooldown: float = 60.0, prefix: str = "") -> dict:
    """The production CACHES (cms/settings/base.py) for `url`."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
                "CONNECTION_FACTORY": "api.circuit.BreakerConnectionFactory",
                "CIRCUIT_COOLDOWN_SECONDS": cooldown,
            },
        }
    }


@pytest.fixture
def hung():
    server = HungRedis().start()
    yield server
    server.stop()


def use_redis(settings, url: str, **kwargs):
    settings.CACHES = redis_caches(url, **kwargs)
    settings.GRAPHQL_RESPONSE_CACHE = True
    breaker = breaker_for(server_name(url))
    breaker.reset()
    return breaker


def post(client, query, variables=None, **extra):
    return client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **extra,
    )


@pytest.mark.django_db
def test_a_hung_redis_costs_one_call_then_every_request_is_answered_without_it(client, settings, hung, news):
    breaker = use_redis(settings, hung.url)
    for _ in range(10):
        response = post(client, NEWS)
        assert response.status_code == 200
        assert response.json()["data"]["newsItems"]["items"][0]["title"] == "Første nyhed"
        assert "X-Cache" not in response  # answered uncached
    # One call reached the hung server and timed out; every later one was refused at no cost.
    assert breaker.stats.attempts == 1 and breaker.stats.failures == 1
    assert breaker.stats.refused >= 10
    assert hung.accepted == 1


@pytest.mark.django_db
def test_after_the_cooldown_one_trial_call_per_cooldown(client, settings, hung, news):
    breaker = use_redis(settings, hung.url, cooldown=0.3)
    post(client, NEWS)
    assert breaker.stats.attempts == 1
    time.sleep(0.35)  # the cool-down passes (waiting, not measuring)
    for _ in range(5):
        assert post(client, NEWS).status_code == 200
    assert breaker.stats.attempts == 2 and breaker.stats.failures == 2


@pytest.mark.django_db
def test_healthz_never_touches_redis_or_the_database(client, settings, hung, django_assert_num_queries):
    breaker = use_redis(settings, hung.url)
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert breaker.stats.attempts == 0 and hung.accepted == 0


@pytest.mark.django_db
def test_readyz_says_503_for_a_hung_cache(client, settings, hung):
    breaker = use_redis(settings, hung.url)
    for _ in range(3):
        response = client.get("/readyz/")
        assert response.status_code == 503
        assert response.json() == {"database": "ok", "cache": "error"}
    assert breaker.stats.attempts == 1


@pytest.mark.django_db
def test_readyz_says_ok_when_both_answer(client, settings):
    client_ = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client_.ping()
    except redis.RedisError:
        pytest.skip(f"needs a Redis server at {REDIS_URL}")
    use_redis(settings, REDIS_URL)
    response = client.get("/readyz/")
    assert response.status_code == 200 and response.json() == {"database": "ok", "cache": "ok"}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert client.get("/readyz/").json() == {"database": "ok", "cache": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("fault", ["hung", "refused"])
def test_signup_fails_open_with_a_warning_when_redis_is_down(client, settings, fault, hung, caplog):
    url = hung.url if fault == "hung" else refused_url()
    breaker = use_redis(settings, url)
    with caplog.at_level(logging.WARNING, logger="newsletter.ratelimit"):
        answers = [
            post(client, SUBSCRIBE, {"email": f"ny{n}@example.com"}).json()["data"]["subscribeToNewsletter"]
            for n in range(15)
        ]
    assert all(answer["ok"] for answer in answers), answers
    assert "cannot count attempts" in caplog.text
    assert breaker.stats.attempts == 1


# --- a failed bump: fail closed ----------------------------------------------


@pytest.fixture
def real_redis():
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"needs a Redis server at {REDIS_URL}")
    yield client
    client.close()


@pytest.fixture
def proxy(real_redis):
    kwargs = real_redis.connection_pool.connection_kwargs
    proxy = SwitchableRedisProxy(kwargs["host"], kwargs["port"], kwargs.get("db", 0)).start()
    yield proxy
    proxy.stop()


def fetch_until_hit(client, *, expected_titles: list[str], tries: int = 200) -> int:
    """Ask until an answer is a hit; every answer on the way must already be the new one. Returns the tries."""
    for attempt in range(1, tries + 1):
        response = post(client, NEWS)
        titles = [item["title"] for item in response.json()["data"]["newsItems"]["items"]]
        assert titles == expected_titles, f"stale answer ({response.get('X-Cache')}) after {attempt} tries"
        if response.get("X-Cache") == "HIT":
            return attempt
        time.sleep(0.02)
    raise AssertionError("the cache never served again")


@pytest.mark.django_db
def test_an_unpublish_whose_bump_failed_is_never_served_stale_from_the_cache(
    client, settings, proxy, real_redis, news, django_capture_on_commit_callbacks
):
    """The finding: the unpublish commits, the bump fails, and the old answer came back as a HIT for 300 s."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    use_redis(settings, proxy.url, cooldown=0.1, prefix=prefix)
    settings.GRAPHQL_GENERATION_RECHECK = 0.1
    settings.GRAPHQL_FAILED_BUMP_RECHECK = 0.1
    try:
        assert post(client, NEWS)["X-Cache"] == "MISS"
        assert post(client, NEWS)["X-Cache"] == "HIT"
        proxy.hang()
        with django_capture_on_commit_callbacks(execute=True):
            news.unpublish()
        assert FailedBump.objects.exists()
        proxy.forward()
        fetch_until_hit(client, expected_titles=[])
        assert not FailedBump.objects.exists()
    finally:
        for key in real_redis.scan_iter(f"{prefix}:*"):
            real_redis.delete(key)


# --- two processes ------------------------------------------------------------


def start_gunicorn(tmp_path: Path, *, redis_url: str, workers: int = 2, **env: str) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (tmp_path / "gunicorn.log").open("w")
    environment = process_env(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=DUMMY_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        DATABASE_URL=database_url(),
        MEDIA_ROOT=str(tmp_path / "media"),
        REDIS_URL=redis_url,
        **env,
    )
    server = subprocess.Popen(
        [GUNICORN, "cms.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers)],
        cwd=BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
        try:
            with urllib.request.urlopen(f"{url}/healthz/", timeout=5):
                break
        except OSError:
            assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.2)
    return server, url


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def remote_news(url: str) -> tuple[list[str], str | None]:
    request = urllib.request.Request(
        f"{url}/graphql/",
        data=json.dumps({"query": NEWS}).encode(),
        headers={"Content-Type": "application/json", "Host": "localhost"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.loads(response.read())
        return [item["title"] for item in body["data"]["newsItems"]["items"]], response.headers.get("X-Cache")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("outage", ["this process only", "everyone"])
def test_a_failed_bump_in_one_process_keeps_every_other_worker_from_serving_the_old_answer(
    settings, tmp_path, real_redis, proxy, hung, news, outage
):
    """Workers in another process (gunicorn, 2 workers) on the real Redis; the change is made here.

    "this process only": this process cannot reach Redis (hung), the workers can.
    "everyone": the workers' Redis hangs too while the change is made, then comes back.
    """
    clear_graphql_keys(real_redis)  # db 12 is this suite's; gunicorn uses no key prefix
    server, url = start_gunicorn(
        tmp_path,
        redis_url=proxy.url,
        GRAPHQL_GENERATION_RECHECK="0.2",
        GRAPHQL_FAILED_BUMP_RECHECK="0.2",
        REDIS_CIRCUIT_COOLDOWN_SECONDS="0.2",
    )
    try:
        for _ in range(10):  # both workers have the answer cached
            remote_news(url)
        assert remote_news(url) == (["Første nyhed"], "HIT")

        use_redis(settings, hung.url)  # this process: Redis hangs
        if outage == "everyone":
            proxy.hang()
        news.unpublish()  # autocommit: the bump fails right after the commit
        assert FailedBump.objects.count() >= 1
        time.sleep(0.5)  # > GRAPHQL_FAILED_BUMP_RECHECK: the documented bound for other processes
        if outage == "everyone":
            for _ in range(4):
                assert remote_news(url)[0] == []  # answered uncached, from the database
            proxy.forward()

        seen = []
        for _ in range(100):
            titles, x_cache = remote_news(url)
            seen.append(x_cache)
            assert titles == [], f"stale answer after {len(seen)} requests: {seen}"
            if seen[-4:] == ["HIT"] * 4:
                break
            time.sleep(0.05)
        assert seen[-4:] == ["HIT"] * 4, seen  # the debt was made good; the cache serves again
        assert not FailedBump.objects.exists()
    finally:
        stop(server)
        clear_graphql_keys(real_redis)
        cache.clear()


def clear_graphql_keys(client: redis.Redis) -> None:
    for key in client.scan_iter("*graphql:*"):
        client.delete(key)
