"""Liveness of the task workers (`manage.py db_worker`), so that a dead worker's task is run again."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """The last time a worker process said it was alive (see worker/heartbeat.py).

    django-tasks-db records which worker claimed a task (`worker_ids`) but not whether
    that worker still lives: a task whose worker was killed stays RUNNING for ever.
    """

    worker_id = models.CharField("worker-id", max_length=64, unique=True)
    beat_at = models.DateTimeField("senest i live", db_index=True)

    class Meta:
        verbose_name = "worker-livstegn"
        verbose_name_plural = "worker-livstegn"

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.beat_at:%Y-%m-%d %H:%M:%S})"
