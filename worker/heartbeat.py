"""Each task worker process writes a heartbeat while it lives, from the first task it starts.

Hooked on django-tasks' `task_started` signal, which the worker sends in its own
process just before it runs a task (after claiming it), so `manage.py db_worker`
needs no wrapper. A daemon thread then writes the beat every
TASKS_HEARTBEAT_SECONDS whatever the task does: a task stalled on a slow SMTP
server still has a live worker, and only a process that is gone (kill -9, OOM,
a container stopped after its grace period) stops beating. The reaper
(`manage.py requeue_stranded_tasks`) puts such a worker's RUNNING task back in
the queue.
"""

import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone

logger = logging.getLogger(__name__)

_started: set[str] = set()
_lock = threading.Lock()


def on_task_started(sender, task_result, **kwargs):
    from django_tasks_db.backend import DatabaseBackend

    backend = sender if isinstance(sender, type) else type(sender)  # the worker sends the instance
    if not issubclass(backend, DatabaseBackend) or not task_result.worker_ids:
        return  # tasks run in the request (immediate backend) have no worker to watch
    worker_id = task_result.worker_ids[-1]
    beat(worker_id=worker_id)  # before the task runs: the reaper's grace covers only the claim itself
    if settings.TASKS_HEARTBEAT_SECONDS <= 0:
        return  # no thread (test settings): the beat above is all
    with _lock:
        if worker_id in _started:
            return
        _started.add(worker_id)
    threading.Thread(target=_beat_forever, args=(worker_id,), name="worker-heartbeat", daemon=True).start()


def beat(*, worker_id: str) -> None:
    from .models import WorkerHeartbeat

    try:
        WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"beat_at": timezone.now()})
    except DatabaseError:
        logger.warning("Could not write the heartbeat of worker %s", worker_id, exc_info=True)


def _beat_forever(worker_id: str) -> None:
    while True:
        time.sleep(settings.TASKS_HEARTBEAT_SECONDS)
        close_old_connections()
        beat(worker_id=worker_id)
        if connection.vendor == "sqlite":
            connection.close()  # do not hold a SQLite file handle between beats
