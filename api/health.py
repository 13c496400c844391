"""Liveness and readiness for the proxy, compose and orchestrators.

/healthz/ says the process answers HTTP and touches nothing else: a hung Redis or
a slow database must never make a load balancer kill healthy workers.
/readyz/ says this instance can serve: the database answers a trivial query and
the cache answers a PING, each bounded by a short timeout (the cache's is
REDIS_SOCKET_TIMEOUT, and a Redis the circuit breaker has given up on is
reported at once). 200 when both are ok, 503 otherwise, with which one failed.
"""

import logging

from django.core.cache import caches
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

# Seconds the database gets for the readiness query (PostgreSQL statement_timeout).
DATABASE_TIMEOUT_MS = 2000


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
def readyz(request):
    checks = {"database": _database_check(), "cache": _cache_check()}
    status = 200 if all(value == "ok" for value in checks.values()) else 503
    return JsonResponse(checks, status=status)


def _database_check() -> str:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute(f"SET statement_timeout = {DATABASE_TIMEOUT_MS}")
                cursor.execute("SELECT 1")
                cursor.execute("RESET statement_timeout")
            else:
                cursor.execute("SELECT 1")
    except Exception:
        logger.warning("Readiness: the database does not answer", exc_info=True)
        return "error"
    return "ok"


def _cache_check() -> str:
    cache = caches["default"]
    try:
        from django_redis.cache import RedisCache

        if isinstance(cache, RedisCache):
            cache.client.get_client(write=True).ping()  # goes through the breaker; bounded by the socket timeout
        else:
            cache.get("readyz")
    except Exception as error:
        logger.warning("Readiness: the cache does not answer (%s)", error)
        return "error"
    return "ok"
