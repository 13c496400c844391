"""The task worker logs one line per task that fails or takes longer than a second, not one per state."""

import re
import shutil

from tests.ops.conftest import PYTHON, production_env, run

ENQUEUE = """
import django
django.setup()
from tests.ops.worker_tasks import broken_task, quick_task, slow_task
for _ in range(5):
    quick_task.enqueue()
slow_task.enqueue()
broken_task.enqueue()
"""


def test_worker_logs_failed_and_slow_tasks_only(migrated_production_db, tmp_path):
    shutil.copy(migrated_production_db / "db.sqlite3", tmp_path / "db.sqlite3")
    env = production_env(tmp_path, LOG_LEVEL="INFO")
    queued = run([PYTHON, "-c", ENQUEUE], env)
    assert queued.returncode == 0, queued.stderr

    worker = run([PYTHON, "manage.py", "db_worker", "--batch", "--no-startup-delay"], env, timeout=120)
    assert worker.returncode == 0, worker.stdout + worker.stderr

    task_lines = [line for line in (worker.stdout + worker.stderr).splitlines() if line.startswith("Task id=")]
    assert len(task_lines) == 2, "\n".join(task_lines)
    slow, broken = sorted(task_lines, key=lambda line: "broken_task" in line)
    assert re.search(r"path=tests\.ops\.worker_tasks\.slow_task state=SUCCESSFUL took \d+\.\d s$", slow)
    assert "path=tests.ops.worker_tasks.broken_task state=FAILED" in broken
    assert "RuntimeError: the task broke" in worker.stderr  # the traceback comes with the failure
