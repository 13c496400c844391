"""The content generation, kept in each process and invalidated by Redis itself.

Every cache hit must know the current content generation (see `api.cache`).
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
import os
import threading
import time

import redis


class TrackedCounter:
    """An integer in Redis, served from memory until Redis says it changed."""

    def __init__(self, url: str, key: str, *, recheck_seconds: float = 1.0, timeout: float = 0.5):
        self._url, self._key = url, key
        self._recheck = recheck_seconds
        self._timeout = timeout
        self._lock = threading.Lock()  # gthread workers share a process
        self._pid = os.getpid()
        self._connection: redis.Connection | None = None
        self._value: int | None = None
        self._read_at = 0.0

    def get(self) -> int | None:
        """The counter, or None if it does not exist or Redis cannot be reached."""
        with self._lock:
            try:
                return self._get()
            except (redis.RedisError, OSError):
                self._reset()
                return None

    def _get(self) -> int | None:
        if self._pid != os.getpid():  # forked (gunicorn preload): never share a socket with the parent
            self._connection, self._pid = None, os.getpid()
            self._value = None
        now = time.monotonic()
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
        pool = redis.ConnectionPool.from_url(
            self._url, protocol=3, socket_timeout=self._timeout, socket_connect_timeout=self._timeout
        )
        connection = pool.make_connection()
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
