"""Response cache for read-only GraphQL operations (the generation: `api.cache_generation`; HTTP: `api.cache_http`; persisted queries: `api.persisted_queries`).

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
from django.utils import timezone
from graphene_django.settings import graphene_settings

from . import cache_generation

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
_setup_lock = threading.Lock()
_local_lock = threading.Lock()


def _local_entries() -> TLRUCache | None:
    """This process's copies of entries, bounded in bytes; only when the generation is tracked.

    With Redis, a hit then needs no round trip at all: the generation comes from
    the tracked counter and the body from here. Entries carry their generation,
    so a copy is served only while it is current, exactly like the shared entry.
    """
    global _local
    if _local is None and cache_generation.tracked_generation() is not None:
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
    generation = cache_generation.content_generation()
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


def reset() -> None:
    """Forget the process's copies and tracked counter (settings changed, e.g. in tests)."""
    global _local
    _local = None
    cache_generation.reset()


def on_setting_changed(setting, **kwargs):
    if setting in _STORE_SETTINGS:
        reset()


def bypassed(request) -> bool:
    """Requests that must never read or write shared entries (credentials, preview tokens)."""
    headers = getattr(settings, "GRAPHQL_CACHE_BYPASS_HEADERS", ("HTTP_AUTHORIZATION", "HTTP_X_PREVIEW_TOKEN"))
    return any(request.META.get(header) for header in headers)
