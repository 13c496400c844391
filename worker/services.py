"""Putting the tasks of dead workers back in the queue.

A task is stranded when it is RUNNING, was claimed longer ago than
TASKS_HEARTBEAT_STALE_SECONDS, and the worker that claimed it last has not
beaten for as long (worker/heartbeat.py). It is queued again (READY) for any
worker to claim; after TASKS_MAX_ATTEMPTS claims it is marked FAILED instead, so
a task that kills its worker every time (e.g. runs out of memory) cannot loop.

Safe to run again: the tasks a worker runs are written to be repeated without
repeating their effect (the newsletter's service mail records that it was sent,
see newsletter/services.py). The reaper itself changes a task only with a
conditional UPDATE on the claim it saw, so two reapers, or a worker that finishes
meanwhile, never lose a state change.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker running the task stopped (killed or crashed) before it finished."""


@dataclass(frozen=True)
class ReapResult:
    requeued: int
    failed: int


def stranded_tasks_requeue(*, now: dt.datetime | None = None) -> ReapResult:
    now = now or timezone.now()
    stale_before = now - dt.timedelta(seconds=settings.TASKS_HEARTBEAT_STALE_SECONDS)
    alive = set(WorkerHeartbeat.objects.filter(beat_at__gte=stale_before).values_list("worker_id", flat=True))
    requeued = failed = 0
    for task in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=stale_before):
        if task.worker_ids and task.worker_ids[-1] in alive:
            continue
        claim = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at)
        if len(task.worker_ids) >= settings.TASKS_MAX_ATTEMPTS:
            lost = WorkerLost(f"Workeren stoppede under opgaven {len(task.worker_ids)} gange; den er opgivet.")
            if claim.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=str(lost),
            ):
                failed += 1
                logger.warning(
                    "Task %s (%s) failed: its worker died %s times", task.pk, task.task_path, len(task.worker_ids)
                )
            continue
        if claim.update(status=TaskResultStatus.READY, started_at=None, run_after=now):
            requeued += 1
            logger.warning("Task %s (%s) queued again: worker %s is gone", task.pk, task.task_path, task.worker_ids)
    WorkerHeartbeat.objects.filter(Q(beat_at__lt=now - dt.timedelta(days=1))).delete()
    return ReapResult(requeued=requeued, failed=failed)
