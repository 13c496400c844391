"""Response cache for read-only GraphQL operations (persisted queries: `api.persisted_queries`).

What is cached: the JSON body of a successful (error-free) query operation, sent
as GET or as a JSON POST. Mutations, answers with errors and answers a resolver
marked `request.graphql_no_store` (previews) are never stored.

The key is sha256 over the request's bytes as sent (query string or JSON body)
with the schema version, host (one entry per site), today's local date and the
method: see `request_key`. A hit parses nothing.

Never staler than the publish: every content change bumps a global content
generation (see `api.invalidation`). Each entry records the generation read
*before* its answer was computed, and only an entry of the current generation is
served, so after a change no older answer is served again. A request that raced
a publish stores its (possibly old) answer under the old generation: a miss for
the next reader, never a stale hit.

HTTP: a cacheable answer carries a strong `ETag` (hash of the body) and, by
default, `Cache-Control: public, no-cache`. That lets a CDN or browser keep the
body but makes it revalidate every time (`If-None-Match` -> 304 without a body),
which is the only setting that honours "never staler than the publish". Setting
`GRAPHQL_CACHE_MAX_AGE` > 0 trades that for `max-age=N, stale-while-revalidate=N`:
answers may then be up to N seconds stale at the CDN. Entries live at most
`GRAPHQL_CACHE_TIMEOUT` seconds (default 300), which also bounds how stale a
time-dependent answer (e.g. "upcoming events") can get.

Stores: Django's default cache, i.e. Redis when `REDIS_URL` is set and process
memory otherwise. With Redis, each process also keeps copies of the entries it
served (bounded by `GRAPHQL_CACHE_LOCAL_BYTES`) and learns of generation bumps
from Redis pushes (`api.generation`), so a hit makes no round trip. Process memory is correct only for a single process: a change
saved in one process cannot bump the generation of another, so production with
several workers must set `REDIS_URL`.
"""

import contextlib
import hashlib
import logging
import threading
import time
from dataclasses import dataclass

from cachetools import TLRUCache
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import parse_etags
from graphene_django.settings import graphene_settings

from . import failed_bumps

GENERATION_KEY = "graphql:generation"
ENTRY_PREFIX = "graphql:response:v2:"  # v2: (generation, body, etag, expires_at)

logger = logging.getLogger(__name__)


def _cache():
    return caches[getattr(settings, "GRAPHQL_CACHE_ALIAS", "default")]


def enabled() -> bool:
    return getattr(settings, "GRAPHQL_RESPONSE_CACHE", True)


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


_schema_version: str | None = None


def schema_version() -> str:
    """A hash of the schema's SDL: a deploy that changes the schema never reads old entries."""
    global _schema_version
    if _schema_version is None:
        _schema_version = sha256_hex(str(graphene_settings.SCHEMA))[:16]
    return _schema_version


# --- the content generation -------------------------------------------------

_tracked = False  # a TrackedCounter, or None without Redis; False until decided in this process
_tracked_verified = False
_setup_lock = threading.Lock()


def _tracked_generation():
    """The process's tracked view of the counter when the cache is Redis (see api.generation), else None."""
    global _tracked
    if _tracked is False:
        with _setup_lock:
            if _tracked is False:
                _tracked = _tracked_counter_new()
    return _tracked


def _tracked_counter_new():
    from django_redis.cache import RedisCache

    from .generation import TrackedCounter

    cache = _cache()
    if not isinstance(cache, RedisCache) or not getattr(settings, "GRAPHQL_GENERATION_TRACKING", True):
        return None
    try:
        # django-redis's own pool settings: the same host, database, password and TLS as the cache.
        pool = cache.client.get_client(write=True).connection_pool
        timeout = getattr(settings, "REDIS_SOCKET_TIMEOUT", 0.25)
        kwargs = {**pool.connection_kwargs, "protocol": 3, "socket_timeout": timeout, "socket_connect_timeout": timeout}
    except Exception:
        logger.warning("The content generation is read from Redis on every request", exc_info=True)
        return None
    return TrackedCounter(
        lambda: pool.connection_class(**kwargs),
        cache.make_key(GENERATION_KEY),
        recheck_seconds=getattr(settings, "GRAPHQL_GENERATION_RECHECK", 1.0),
    )


def _tracked_disable(value, expected) -> None:
    global _tracked
    logger.error("Tracked content generation %r differs from the cache's %r: tracking is off", value, expected)
    _tracked = None


def reset() -> None:
    """Forget the process's tracked counter and copies (settings changed, e.g. in tests)."""
    global _tracked, _tracked_verified, _local
    _tracked, _tracked_verified, _local = False, False, None
    failed_bumps.reset()


_STORE_SETTINGS = frozenset(
    {
        "CACHES",
        "GRAPHQL_CACHE_ALIAS",
        "GRAPHQL_CACHE_LOCAL_BYTES",
        "GRAPHQL_CACHE_TIMEOUT",
        "GRAPHQL_GENERATION_TRACKING",
        "GRAPHQL_GENERATION_RECHECK",
        "GRAPHQL_FAILED_BUMP_RECHECK",
    }
)


def on_setting_changed(setting, **kwargs):
    if setting in _STORE_SETTINGS:
        reset()


def content_generation() -> int | None:
    """The current generation, or None when cached answers must not be served (then nothing is cached).

    None when the cache is unreachable, and while a failed bump has not been made
    good (see api.failed_bumps): an entry of the current generation may then be
    older than a change.
    """
    global _tracked_verified
    cache = _cache()
    shared = not isinstance(cache, LocMemCache)  # process memory cannot miss a bump
    if shared and not failed_bumps.serving_allowed(bump=_bump, interval=_failed_bump_recheck_seconds()):
        return None
    tracked = _tracked_generation()
    if tracked is not None:
        generation = tracked.get()
        if generation is not None:
            if _tracked_verified:
                return generation
            # Once per process: the tracked key must be the one django-redis writes.
            expected = cache.get(GENERATION_KEY)
            if expected == generation:
                _tracked_verified = True
                return generation
            _tracked_disable(generation, expected)
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Start from the clock, not from 1: if the counter is evicted or the cache restarts,
        # a new counter never repeats a value that old entries were stored under.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        generation = cache.get(GENERATION_KEY)
    if generation is None and shared:
        failed_bumps.check_soon()  # a bump may fail meanwhile elsewhere: look before trusting Redis again
    return generation


def _failed_bump_recheck_seconds() -> float:
    return getattr(settings, "GRAPHQL_FAILED_BUMP_RECHECK", 1.0)


def bump_generation() -> None:
    """Make every cached answer unreachable. Called on any content change.

    If the cache cannot be reached, no process serves cached answers until a
    later bump succeeds (api.failed_bumps).
    """
    if not _bump():
        logger.error("Could not bump the content generation: cached answers are off until a bump succeeds")
        failed_bumps.failure_record()


def _bump() -> bool:
    cache = _cache()
    try:
        bumped = cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet (or evicted): a fresh one is newer than any before
        bumped = cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
    return bumped is not None  # None: the cache swallowed an error (django-redis IGNORE_EXCEPTIONS)


# --- entries ----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    body: bytes
    etag: str


@dataclass(frozen=True)
class Lookup:
    key: str
    generation: int
    entry: Entry | None


def request_key(request, *, max_bytes: int) -> str | None:
    """The entry key for this request, from its raw bytes; None if it must not use shared entries.

    Keyed on the bytes as sent (the query string of a GET, the JSON body of a
    POST) rather than on the parsed operation, so a hit costs one hash and no
    parsing. An entry is only ever stored after the full path found the request
    cacheable, and the same bytes always parse the same way, so the key needs
    nothing else from the request but what the answer depends on: the schema
    version (a deploy that changes the schema never reads old entries), the host
    (one entry per site), today's local date (`currentPlanPeriod` changes at
    midnight) and the method. Spelling the same query differently only costs a
    second entry. Variables are part of the bytes, so two variable sets never
    share an entry.
    """
    query_string = request.META.get("QUERY_STRING", "").encode()
    if request.method == "GET":
        material = query_string
    elif request.method == "POST" and request.content_type == "application/json":
        # The URL too: graphene reads query, variables, operationName and ?pretty from it first.
        material = query_string + b"\0" + request.body
    else:
        return None
    if len(material) > max_bytes or bypassed(request):
        return None
    digest = hashlib.sha256()
    for part in (schema_version(), request.get_host().lower(), timezone.localdate().isoformat(), request.method):
        digest.update(part.encode() + b"\0")
    digest.update(material)
    return ENTRY_PREFIX + digest.hexdigest()


_local: TLRUCache | None = None
_local_lock = threading.Lock()


def _local_entries() -> TLRUCache | None:
    """This process's copies of entries, bounded in bytes; only when the generation is tracked.

    With Redis, a hit then needs no round trip at all: the generation comes from
    the tracked counter and the body from here. Entries carry their generation,
    so a copy is served only while it is current, exactly like the shared entry.
    """
    global _local
    if _local is None and _tracked_generation() is not None:
        with _setup_lock:
            if _local is None:
                # A copy expires when its shared entry does (stored[3]), however late it was copied.
                _local = TLRUCache(
                    maxsize=getattr(settings, "GRAPHQL_CACHE_LOCAL_BYTES", 32 * 1024 * 1024),
                    ttu=lambda _key, stored, _now: stored[3],
                    timer=time.time,
                    getsizeof=lambda stored: len(stored[1]) + 200,
                )
    return _local


def entry_lookup(key: str) -> Lookup | None:
    """The entry under `key`, if it is of the current generation; None when the cache is unreachable.

    The generation is stored *in* the entry rather than in its key. An entry
    counts only if its generation is the current one, so after a bump every
    older entry is a miss; a racing reader that stores an answer under an older
    generation causes one extra miss, never a stale answer.
    """
    generation = content_generation()
    if generation is None:
        return None
    local = _local_entries()
    if local is not None:
        with _local_lock:
            stored = local.get(key)
        if stored is not None and stored[0] == generation:
            return Lookup(key, generation, Entry(stored[1], stored[2]))
    stored = _cache().get(key)
    if stored is not None and stored[0] == generation and stored[3] > time.time():
        if local is not None:
            _local_set(local, key, stored)
        return Lookup(key, generation, Entry(stored[1], stored[2]))
    return Lookup(key, generation, None)


def entry_set(lookup: Lookup, body: bytes) -> Entry:
    """Store under the generation read *before* execution (see entry_lookup)."""
    entry = Entry(body=body, etag=etag_of(body))
    stored = (lookup.generation, entry.body, entry.etag, time.time() + _timeout())
    _cache().set(lookup.key, stored, timeout=_timeout())
    local = _local_entries()
    if local is not None:
        _local_set(local, lookup.key, stored)
    return entry


def _timeout() -> int:
    return getattr(settings, "GRAPHQL_CACHE_TIMEOUT", 300)


def _local_set(local: TLRUCache, key: str, stored: tuple) -> None:
    # An answer larger than the whole budget raises ValueError: it stays in Redis only.
    with _local_lock, contextlib.suppress(ValueError):
        local[key] = stored


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


# --- HTTP -------------------------------------------------------------------


def cache_control() -> str:
    max_age = getattr(settings, "GRAPHQL_CACHE_MAX_AGE", 0)
    if max_age > 0:
        return f"public, max-age={max_age}, stale-while-revalidate={max_age}"
    return "public, no-cache"


def not_modified(request, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    etags = parse_etags(header)
    return "*" in etags or etag in etags or etag in (e.removeprefix("W/") for e in etags)


def cacheable_response(request, entry: Entry, *, hit: bool) -> HttpResponse:
    """The answer for a cached or just stored entry: 304 when the client already has it."""
    response = (
        HttpResponseNotModified()
        if not_modified(request, entry.etag)
        else HttpResponse(entry.body, content_type="application/json")
    )
    response["ETag"] = entry.etag
    response["Cache-Control"] = cache_control()
    response["X-Cache"] = "HIT" if hit else "MISS"
    return response


def mark_no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def bypassed(request) -> bool:
    """Requests that must never read or write shared entries (credentials, preview tokens)."""
    headers = getattr(settings, "GRAPHQL_CACHE_BYPASS_HEADERS", ("HTTP_AUTHORIZATION", "HTTP_X_PREVIEW_TOKEN"))
    return any(request.META.get(header) for header in headers)
