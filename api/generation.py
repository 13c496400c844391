"""The content generation, kept in each process and invalidated by Redis itself.

Every cache hit must know the current content generation (see `api.cache_generation`).
Asking Redis on every hit costs a round trip, which at a few thousand hits a
second is most of a hit's cost. Instead each process reads the counter once
over a connection with Redis client-side caching switched on (`CLIENT TRACKING
ON`, RESP3): from then on Redis *pushes* a message on that connection when the
counter changes. A hit only polls the socket (one non-blocking syscall); data on
it means "changed" (or "connection closed"), and the counter is read again.

How fresh: Redis queues the invalidation for every tracking connection while
it executes the INCR and writes it out in the same event-loop pass as the
INCR's own reply, a few microseconds later (tests/api/test_response_cache_redis.py
measures it). Anything that follows a publish (the commit-time bump, the
editor's response, a new request to another worker) takes far longer than
that, and the same microseconds already separate the commit from the bump in
any design. If the tracking connection dies silently (no FIN, e.g. a network
partition), pushes could be lost, so the counter is also re-read every
`GRAPHQL_GENERATION_RECHECK` seconds (default 1) whatever the socket says; a
connection that closes is noticed at the next poll.

redis-py's own client-side cache (`cache_config=`) does the same but refuses
servers older than 7.4 (Debian 12 ships 7.0); CLIENT TRACKING itself exists
since Redis 6.0, so this module uses it directly, through redis-py's public
connection API.
"""

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable

import redis

logger = logging.getLogger(__name__)


class TrackedCounter:
    """An integer in Redis, served from memory until Redis says it changed.

    `connect` returns a new, unconnected redis-py connection speaking RESP3
    (see `api.cache_generation`, which builds it from django-redis's own pool settings so
    that host, database, password and TLS agree with the cache's).
    """

    def __init__(self, connect: Callable[[], redis.Connection], key: str, *, recheck_seconds: float = 1.0):
        self._connect_new, self._key = connect, key
        self._recheck = recheck_seconds
        self._lock = threading.Lock()  # gthread workers share a process
        self._pid = os.getpid()
        self._connection: redis.Connection | None = None
        self._value: int | None = None
        self._read_at = 0.0
        self._failed_at: float | None = None

    @classmethod
    def from_url(cls, url: str, key: str, *, timeout: float = 0.25, **kwargs) -> "TrackedCounter":
        pool = redis.ConnectionPool.from_url(url, protocol=3, socket_timeout=timeout, socket_connect_timeout=timeout)
        return cls(lambda: pool.connection_class(**pool.connection_kwargs), key, **kwargs)

    def get(self) -> int | None:
        """The counter, or None if it does not exist or Redis cannot be reached (the caller asks the cache)."""
        with self._lock:
            now = time.monotonic()
            if self._failed_at is not None and now - self._failed_at < self._recheck:
                return None  # back off: a hanging Redis must not hold every request for a connect timeout
            try:
                value = self._get(now)
            except Exception:  # any failure (network, protocol, configuration) means: don't trust memory
                logger.warning("Tracking the content generation in Redis failed", exc_info=True)
                self._reset()
                self._failed_at = now
                return None
            self._failed_at = None
            return value

    def _get(self, now: float) -> int | None:
        if self._pid != os.getpid():  # forked (gunicorn preload): never share a socket with the parent
            self._connection, self._pid = None, os.getpid()
            self._value = None
        connection = self._connection
        if connection is not None and self._value is not None and now - self._read_at < self._recheck:
            if not connection.can_read(timeout=0):
                return self._value  # nothing pushed: unchanged
            while connection.can_read(timeout=0):  # drain the invalidation(s); a closed socket raises
                connection.read_response(push_request=True)
        if connection is None:
            connection = self._connect()
        # Read before trusting: from here on Redis tracks the key for this connection.
        connection.send_command("GET", self._key)
        raw = connection.read_response()
        self._value = int(raw) if raw is not None else None
        self._read_at = now
        return self._value

    def _connect(self) -> redis.Connection:
        connection = self._connect_new()
        connection.connect()
        connection.send_command("CLIENT", "TRACKING", "ON")
        connection.read_response()
        self._connection = connection
        return connection

    def _reset(self) -> None:
        connection, self._connection, self._value = self._connection, None, None
        if connection is not None:
            with contextlib.suppress(Exception):  # already broken; nothing to release
                connection.disconnect()
