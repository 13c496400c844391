"""The production processes start for real: gunicorn serves the app, the task worker runs tasks."""

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.ops.conftest import BASE_DIR, PYTHON, production_env, run

GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, json.loads(response.read())


def test_gunicorn_serves_the_health_check(migrated_production_db, tmp_path):
    port = free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [GUNICORN, "cms.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
            cwd=BASE_DIR,
            env=production_env(migrated_production_db),
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, f"gunicorn exited early:\n{log.read_text()}"
            try:
                status, body = get_json(f"http://127.0.0.1:{port}/healthz/")
                break
            except OSError:  # refused, or the worker is still loading the app (read timeout)
                assert time.monotonic() < deadline, f"no answer from gunicorn in 60 s:\n{log.read_text()}"
                time.sleep(0.2)
        assert status == 200
        assert body == {"status": "ok"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_db_worker_runs_queued_tasks_and_exits(migrated_production_db):
    env = production_env(migrated_production_db)
    enqueue = (
        "import django; django.setup(); "
        "from wagtail.models import Page; from wagtail.tasks import update_reference_index_task; "
        "print(update_reference_index_task.enqueue('wagtailcore', 'page', Page.get_first_root_node().pk).id)"
    )
    queued = run([PYTHON, "-c", enqueue], env)
    assert queued.returncode == 0, queued.stderr
    task_id = queued.stdout.strip().splitlines()[-1]

    worker = run([PYTHON, "manage.py", "db_worker", "--batch", "--no-startup-delay"], env, timeout=120)
    assert worker.returncode == 0, worker.stdout + worker.stderr

    status = (
        "import django; django.setup(); from django_tasks_db.models import DBTaskResult; "
        f"print(DBTaskResult.objects.get(id='{task_id}').status)"
    )
    result = run([PYTHON, "-c", status], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "SUCCESSFUL"
