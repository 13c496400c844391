"""The content generation: one counter that every content change bumps (api/invalidation.py).

A cached answer is served only under the generation it was stored with
(api/cache.py), so a bump makes every older answer unreachable. With Redis,
each process tracks the counter through Redis's pushes (api/generation.py) and
reads it without a round trip; a bump that fails stops every process from
serving cached answers until one succeeds (api/failed_bumps.py).
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from . import failed_bumps

GENERATION_KEY = "graphql:generation"

logger = logging.getLogger(__name__)


def _cache():
    return caches[getattr(settings, "GRAPHQL_CACHE_ALIAS", "default")]


_tracked = False  # a TrackedCounter, or None without Redis; False until decided in this process
_tracked_verified = False
_setup_lock = threading.Lock()


def tracked_generation():
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
    """Forget the process's tracked counter (settings changed, e.g. in tests)."""
    global _tracked, _tracked_verified
    _tracked, _tracked_verified = False, False
    failed_bumps.reset()


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
    tracked = tracked_generation()
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
