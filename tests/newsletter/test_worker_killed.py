"""A task worker killed mid-task: the task is queued again and the confirmation mail arrives exactly once.

`manage.py db_worker` runs as its own process (production settings) on the test
database; the mail server on loopback stalls on the subscriber's RCPT, so the
worker is killed with SIGKILL in the middle of the send. `requeue_stranded_tasks`
then finds the task RUNNING with a dead worker and queues it again; a new worker
sends the mail.
"""

import io
import os
import signal
import subprocess
import time

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.ops.conftest import BASE_DIR, DUMMY_SECRET_KEY, PYTHON, process_env
from tests.publishing.helpers import database_url
from worker.models import WorkerHeartbeat

from .conftest import SUBSCRIBE

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADDRESS = "beboer@example.dk"
HEARTBEAT = 0.2
STALE = 1.0


def start_worker(tmp_path, name: str, *, email_port: int, batch: bool = False) -> subprocess.Popen:
    env = process_env(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=DUMMY_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(),
        MEDIA_ROOT=str(tmp_path / "media"),
        EMAIL_URL=f"smtp://127.0.0.1:{email_port}",
        EMAIL_TIMEOUT="300",  # the stalled server must not time the send out: the kill ends it
        FRONTEND_BASE_URL=django_settings.FRONTEND_BASE_URL,
        TASKS_HEARTBEAT_SECONDS=str(HEARTBEAT),
    )
    args = ["--queue-name", "*", "--interval", "0.05", "--no-startup-delay"] + (["--batch"] if batch else [])
    return subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", *args],
        cwd=BASE_DIR,
        env=env,
        stdout=(tmp_path / f"{name}.log").open("w"),
        stderr=subprocess.STDOUT,
    )


def reap() -> str:
    out = io.StringIO()
    call_command("requeue_stranded_tasks", stdout=out)
    return out.getvalue()


def mail_task() -> DBTaskResult:
    return DBTaskResult.objects.get(task_path="newsletter.tasks.newsletter_service_mail_task")


def test_a_worker_killed_mid_send_its_task_runs_again_and_the_mail_arrives_once(
    graphql, smtp_server, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_HEARTBEAT_STALE_SECONDS = STALE
    assert graphql(SUBSCRIBE, {"email": ADDRESS})["data"]["subscribeToNewsletter"]["ok"]
    smtp_server.rcpt_delay = {ADDRESS: 600.0}

    first = start_worker(tmp_path, "first", email_port=settings.EMAIL_PORT)
    deadline = time.monotonic() + 120
    while ADDRESS not in smtp_server.attempts:
        assert first.poll() is None, (tmp_path / "first.log").read_text()
        assert time.monotonic() < deadline, "the worker never got to the mail"
        time.sleep(0.05)

    # A live worker stalled on a slow server keeps its task, however long the stall.
    time.sleep(STALE + 0.5)
    beats = list(WorkerHeartbeat.objects.values_list("worker_id", "beat_at"))
    assert "Opgaver sat i kø igen: 0" in reap(), (beats, mail_task().worker_ids, (tmp_path / "first.log").read_text())
    assert mail_task().status == "RUNNING"

    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    smtp_server.rcpt_delay = {}
    assert mail_task().status == "RUNNING"  # stranded: nothing else would ever touch it

    time.sleep(STALE + 0.2)  # the dead worker's last heartbeat goes stale
    assert "Opgaver sat i kø igen: 1" in reap()
    assert mail_task().status == "READY"

    second = start_worker(tmp_path, "second", email_port=settings.EMAIL_PORT, batch=True)
    second.wait(timeout=120)
    assert second.returncode == 0, (tmp_path / "second.log").read_text()

    task = mail_task()
    assert task.status == "SUCCESSFUL" and len(task.worker_ids) == 2
    assert [r.rcpt_tos for r in smtp_server.received] == [[ADDRESS]]  # exactly once
    assert "Bekræft din tilmelding" in smtp_server.received[0].message["Subject"]
    assert "Opgaver sat i kø igen: 0" in reap()  # nothing left to do
    assert WorkerHeartbeat.objects.filter(worker_id__in=task.worker_ids).count() == 2  # both beat


def test_a_task_whose_worker_keeps_dying_is_marked_failed(graphql, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_HEARTBEAT_STALE_SECONDS = 0
    settings.TASKS_MAX_ATTEMPTS = 2
    graphql(SUBSCRIBE, {"email": ADDRESS})
    task = mail_task()
    for n in range(2):
        task.refresh_from_db()
        task.claim(f"dead-worker-{n}")  # claimed by a worker that never beats, i.e. died at once
        time.sleep(0.01)
        out = reap()
    assert "opgivet: 1" in out
    task.refresh_from_db()
    assert task.status == "FAILED" and task.exception_class_path == "worker.services.WorkerLost"


def test_a_service_mail_task_run_twice_mails_once(graphql, settings, mailoutbox):
    """A kill after the server accepted, before the task was marked done: the repeat sends nothing."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    graphql(SUBSCRIBE, {"email": ADDRESS})
    task = mail_task()
    for _ in range(2):
        DBTaskResult.objects.filter(pk=task.pk).update(status="READY")
        call_command("db_worker", batch=True, startup_delay=False, queue_name="*", verbosity=0, reload=False)
    assert mail_task().status == "SUCCESSFUL"
    assert len(mailoutbox) == 1
