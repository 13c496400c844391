"""Tasks for tests/ops/test_worker_logging.py: the worker imports them by module path."""

import time

from django_tasks import task


@task()
def quick_task() -> None:
    pass


@task()
def slow_task() -> None:
    time.sleep(1.3)


@task()
def broken_task() -> None:
    raise RuntimeError("the task broke")
