"""Invalidation fails closed: after a failed bump no process serves cached answers until a bump succeeds.

The problem. A content change bumps the content generation in Redis (see
`api.invalidation`). If that bump fails (Redis hung, refused, or unreachable
from this one process), every entry stored under the current generation stays
valid: once Redis answers again, or in any process that reaches it all along,
the answer from before the change is served as a hit for up to
GRAPHQL_CACHE_TIMEOUT seconds. That is the finding "unpublished page still a
cache HIT for 300 s".

What knows about the failure. Only the process whose bump failed. It cannot
tell the others through Redis (that is what failed), so it tells them through
the database, which the change itself has just been written to: one row in
`api.FailedBump`. Written in the same transaction as the change when the bump
that failed is the immediate one (a rolled-back change then leaves no row, and
needs none), and in its own autocommit write when the commit-time bump fails.

Who serves what:
- The failing process sets its own flag at once: from that instant none of its
  threads serves a cached answer. This needs no round trip.
- Every other process (other gunicorn workers on this host, other hosts) reads
  the newest FailedBump id at most every GRAPHQL_FAILED_BUMP_RECHECK seconds
  (default 1), and at once after it has itself failed to reach Redis. One
  indexed query per process per second; a hit in between stays free. A process
  that finds a row stops serving cached answers and tries to make the debt
  good itself.
- Making it good: read the newest row id, then bump; only if the bump succeeds,
  delete the rows up to that id. The read comes first, so a row written during
  the bump is never deleted by it (at worst it causes one more bump). Whoever
  reaches Redis first pays, so the site serves cached answers again as soon as
  any one process can bump.

What remains, honestly: a process other than the failing one may serve an
answer from before the change for at most GRAPHQL_FAILED_BUMP_RECHECK seconds
after the row was committed (default 1 s, the same bound the tracked counter
already has for a lost Redis push, see api.generation). A strict zero would need a database read on
every hit, which is what the cache exists to avoid. Between the change's commit
and the row there is the same window of microseconds as between a commit and a
successful bump.
"""

import logging
import math
import threading
import time
from collections.abc import Callable

from django.db import DatabaseError
from django.db.models import Max

logger = logging.getLogger(__name__)

_owed = False  # this process knows of a failed bump that has not been made good
_checked_at = -math.inf
_lock = threading.Lock()


def failure_record() -> None:
    """A bump failed: stop serving cached answers here at once, and tell the other processes."""
    global _owed
    _owed = True
    from .models import FailedBump

    try:
        FailedBump.objects.create()
    except DatabaseError:
        logger.exception("Could not record a failed bump of the content generation")


def check_soon() -> None:
    """Read the table at the next lookup (this process has just failed to reach the cache)."""
    global _checked_at
    _checked_at = -math.inf


def serving_allowed(*, bump: Callable[[], bool], interval: float) -> bool:
    """False while a failed bump is known and not yet made good: the caller then serves uncached."""
    global _owed, _checked_at
    now = time.monotonic()
    if not _owed and now - _checked_at < interval:
        return True
    from .models import FailedBump

    with _lock:
        try:
            newest = FailedBump.objects.aggregate(newest=Max("pk"))["newest"]
        except DatabaseError:
            logger.warning("Could not read the failed bumps of the content generation", exc_info=True)
            return not _owed
        _checked_at = now
        if newest is None:
            _owed = False
            return True
        _owed = True
        if not bump():
            return False
        FailedBump.objects.filter(pk__lte=newest).delete()
        _owed = False
        logger.warning("A failed bump of the content generation has been made good; cached answers are served again")
        return True


def reset() -> None:
    global _owed, _checked_at
    _owed, _checked_at = False, -math.inf
