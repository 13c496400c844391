"""A circuit breaker in front of Redis: a hung or dead Redis costs each process one timeout per cool-down.

Every Redis client of the project goes through it: django-redis (the response
cache, the rate limiter, anything else in Django's cache) and the tracked
connection of `api.generation`, because both take their connections from the
pool that `BreakerConnectionFactory` builds (django-redis's CONNECTION_FACTORY
option, set in cms/settings/base.py).

The breaker sits at the socket: a connection asks it before it connects or
sends a command, and tells it whether the answer came. Once a command has
failed with a network error or a timeout (at most REDIS_SOCKET_TIMEOUT, 250 ms
by default), the breaker is open: every further command fails at once, without
touching the network, and django-redis turns that into "no value"
(IGNORE_EXCEPTIONS), which the response cache and the rate limiter treat as
"cache unavailable". After REDIS_CIRCUIT_COOLDOWN_SECONDS one command is let
through as a trial: an answer closes the breaker, another failure opens it for
another cool-down. So a hung Redis costs a process at most one timeout per
cool-down, however many requests and threads it serves.

One breaker per Redis server (the pool's URL) and per process: a forked
gunicorn worker starts with its parent's state, which is harmless either way.
"""

import functools
import logging
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import redis
from django_redis.pool import ConnectionFactory

logger = logging.getLogger(__name__)

DEFAULT_COOLDOWN_SECONDS = 5.0

# What says "the server did not answer": anything else (e.g. a ResponseError) is an answer.
NETWORK_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class CircuitOpen(redis.exceptions.ConnectionError):
    """Raised instead of a network call while the breaker is open (a ConnectionError, so every client copes)."""


@dataclass
class BreakerStats:
    attempts: int = 0  # commands and connects let through to the network
    failures: int = 0
    refused: int = 0  # calls refused while open, at no cost


class CircuitBreaker:
    def __init__(self, name: str, *, cooldown_seconds: float = DEFAULT_COOLDOWN_SECONDS, clock=time.monotonic):
        self.name = name
        self.cooldown_seconds = cooldown_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._opened_at: float | None = None
        self.stats = BreakerStats()

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None

    def allow(self) -> bool:
        """Whether a call may go to the network now; while open, one trial per cool-down."""
        with self._lock:
            if self._opened_at is not None:
                now = self._clock()
                if now - self._opened_at < self.cooldown_seconds:
                    self.stats.refused += 1
                    return False
                self._opened_at = now  # the trial: everyone else waits another cool-down
            self.stats.attempts += 1
            return True

    def succeeded(self) -> None:
        if self._opened_at is not None:
            with self._lock:
                if self._opened_at is not None:
                    logger.warning("Redis %s answers again", self.name)
                self._opened_at = None

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self.stats.failures += 1
            if self._opened_at is None:
                logger.warning(
                    "Redis %s did not answer (%s): no Redis calls for %s s", self.name, error, self.cooldown_seconds
                )
            self._opened_at = self._clock()

    def reset(self) -> None:
        with self._lock:
            self._opened_at = None
            self.stats = BreakerStats()


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(name: str, *, cooldown_seconds: float | None = None) -> CircuitBreaker:
    """The process's breaker for one Redis server (by URL)."""
    with _breakers_lock:
        breaker = _breakers.get(name)
        if breaker is None:
            breaker = _breakers[name] = CircuitBreaker(
                name, cooldown_seconds=DEFAULT_COOLDOWN_SECONDS if cooldown_seconds is None else cooldown_seconds
            )
        elif cooldown_seconds is not None:
            breaker.cooldown_seconds = cooldown_seconds
        return breaker


def _guarded(method):
    """Ask the breaker before the call, tell it the outcome after (network errors only).

    A call made inside another guarded call of the same connection (connect sends
    HELLO, AUTH or SELECT) belongs to the outer one and asks nothing: otherwise the
    one trial after a cool-down would refuse its own handshake.
    """

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if getattr(self, "_circuit_inside", False) or (method.__name__ == "connect" and self._sock is not None):
            return method(self, *args, **kwargs)  # part of an outer call, or already connected
        breaker = self.circuit_breaker
        if not breaker.allow():
            raise CircuitOpen(f"Redis {breaker.name}: the circuit is open after a failure")
        self._circuit_inside = True
        try:
            return method(self, *args, **kwargs)
        except CircuitOpen:
            raise
        except NETWORK_ERRORS as error:
            breaker.failed(error)
            raise
        finally:
            self._circuit_inside = False

    return wrapper


def _observed(method):
    """Tell the breaker the outcome of a read; the command that led to it was already let through."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
        except CircuitOpen:
            raise
        except NETWORK_ERRORS as error:
            if not getattr(self, "_circuit_inside", False):  # else the outer guarded call records it
                self.circuit_breaker.failed(error)
            raise
        self.circuit_breaker.succeeded()
        return result

    return wrapper


_guarded_classes: dict[tuple[type, int], type] = {}


def guarded_connection_class(connection_class: type, breaker: CircuitBreaker) -> type:
    """A subclass of redis-py's connection class (TCP, TLS or Unix socket) that goes through `breaker`."""
    key = (connection_class, id(breaker))
    cls = _guarded_classes.get(key)
    if cls is None:
        cls = type(
            f"Guarded{connection_class.__name__}",
            (connection_class,),
            {
                "circuit_breaker": breaker,
                "connect": _guarded(connection_class.connect),
                "send_packed_command": _guarded(connection_class.send_packed_command),
                "read_response": _observed(connection_class.read_response),
            },
        )
        _guarded_classes[key] = cls
    return cls


def server_name(url: str) -> str:
    """The URL without credentials: it names the breaker in logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class BreakerConnectionFactory(ConnectionFactory):
    """django-redis's connection factory, with connections that go through the server's breaker.

    OPTIONS: CIRCUIT_COOLDOWN_SECONDS (default 5).
    """

    def get_connection_pool(self, params):
        pool = super().get_connection_pool(params)
        breaker = breaker_for(server_name(params["url"]), cooldown_seconds=self.options.get("CIRCUIT_COOLDOWN_SECONDS"))
        # Set before the pool has made any connection; redis-py picked the class from the URL's scheme.
        pool.connection_class = guarded_connection_class(pool.connection_class, breaker)
        return pool


class RefusedCallFilter(logging.Filter):
    """Drops django-redis's "Exception ignored" records for calls the breaker refused.

    The breaker logs once when Redis stops answering and once when it answers
    again; a traceback for every refused call would flood the log with nothing new.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (error is not None and isinstance(error.__cause__, CircuitOpen))


def quiet_refused_calls() -> None:
    from django.conf import settings

    logging.getLogger(getattr(settings, "DJANGO_REDIS_LOGGER", "django_redis.cache")).addFilter(RefusedCallFilter())
