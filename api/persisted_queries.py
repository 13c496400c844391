"""Automatic persisted queries (Apollo APQ): a client may send a query's sha256 instead of its text.

A request with `extensions.persistedQuery.sha256Hash` and no query is looked up;
with a query too, the query is checked against the hash and, once the endpoint
has accepted it (it parses, validates and passes every limit, the cost
included), registered. A client whose hash is unknown or was evicted gets
`PersistedQueryNotFound` and sends the full query once more.

Bounded three ways: only accepted documents (at most `MAX_QUERY_BYTES` each)
are stored; each is forgotten after `PERSISTED_TIMEOUT` unless used again; and
new registrations are rate-limited per client address
(`GRAPHQL_PERSISTED_RATE_PER_IP`, with the same `RATELIMIT_IP_META_KEY` as the
newsletter). A registration over the rate is still answered, just not stored.
The store is the default cache; Redis in production, which bounds it again with
its own `maxmemory` and eviction policy (docker-compose.yml).
"""

import hashlib
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django_ratelimit.core import is_ratelimited

PERSISTED_PREFIX = "graphql:persisted:"
PERSISTED_TIMEOUT = 60 * 60 * 24  # an unused persisted query is forgotten after a day; clients resend it
PERSISTED_QUERY_NOT_FOUND = "PersistedQueryNotFound"

logger = logging.getLogger(__name__)


def _cache():
    return caches[getattr(settings, "GRAPHQL_CACHE_ALIAS", "default")]


class PersistedQueryError(Exception):
    def __init__(self, message: str, code: str, status: int = 200):
        super().__init__(message)
        self.message, self.code, self.status = message, code, status


@dataclass(frozen=True)
class Resolved:
    query: str | None
    digest: str | None  # set when the query came with its hash and should be registered once accepted


def resolve(*, query: str | None, extensions) -> Resolved:
    """The query text for a request: its own, or the one registered under its hash."""
    if isinstance(extensions, str):
        try:
            extensions = json.loads(extensions)
        except (ValueError, RecursionError):
            raise PersistedQueryError("extensions er ikke gyldig JSON.", "BAD_REQUEST", 400) from None
    persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
    if not persisted:
        return Resolved(query, None)
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise PersistedQueryError("Unsupported persisted query version", "PERSISTED_QUERY_NOT_SUPPORTED", 400)
    digest = persisted.get("sha256Hash")
    digest = digest.lower() if isinstance(digest, str) else ""
    if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise PersistedQueryError("Ugyldig sha256Hash.", "BAD_REQUEST", 400)
    if not query:
        stored = _cache().get(PERSISTED_PREFIX + digest)
        if not isinstance(stored, str):
            raise PersistedQueryError(PERSISTED_QUERY_NOT_FOUND, "PERSISTED_QUERY_NOT_FOUND")
        return Resolved(stored, None)
    if hashlib.sha256(query.encode()).hexdigest() != digest:
        raise PersistedQueryError("provided sha does not match query", "BAD_REQUEST", 400)
    return Resolved(query, digest)


def register(*, request, query: str, digest: str) -> bool:
    """Store an accepted query under its hash; False when the client is over its registration rate.

    Registering a query that is already stored only renews it and does not count
    against the rate: a client that resends its queries after an eviction is
    never refused.
    """
    cache = _cache()
    key = PERSISTED_PREFIX + digest
    if cache.get(key) == query:
        cache.touch(key, PERSISTED_TIMEOUT)
        return True
    limited = is_ratelimited(
        request,
        group="graphql.persisted.register",
        key="ip",
        rate=getattr(settings, "GRAPHQL_PERSISTED_RATE_PER_IP", "60/m"),
        increment=True,
    )
    if limited:
        logger.info("Persisted query not registered: the client is over its registration rate")
        return False
    cache.set(key, query, timeout=PERSISTED_TIMEOUT)
    return True
