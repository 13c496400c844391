"""A newsletter send killed with SIGKILL resumes at once on PostgreSQL (advisory lock), not after the lease.

The send runs as its own process (`manage.py send_newsletter`, production settings)
against the test database and a real SMTP server on loopback that stalls on one
recipient; the process is killed while that recipient's RCPT is in flight.
"""

import asyncio
import io
import os
import signal
import subprocess
import time

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

from newsletter.models import Delivery, DeliveryState, IssueState, NewsletterIssue
from tests.ops.conftest import BASE_DIR, DUMMY_SECRET_KEY, PYTHON, process_env
from tests.publishing.helpers import database_url

from .conftest import RecordingHandler, confirmed_subscriber, make_issue

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ADDRESSES = [f"beboer{i}@example.dk" for i in range(4)]


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's; SQLite waits for NEWSLETTER_STALE_SENDING_SECONDS")


class StallsOnTheNthRecipient(RecordingHandler):
    """Accepts recipients until the `nth`, then holds that RCPT until `release` (or a minute)."""

    def __init__(self, nth: int):
        super().__init__()
        self.nth, self.release, self.stalled = nth, False, None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if len(self.attempts) + 1 == self.nth and not self.release:
            self.stalled = address
            self.attempts.append(address)
            for _ in range(1200):
                if self.release:
                    break
                await asyncio.sleep(0.05)
            envelope.rcpt_tos.append(address)
            return "250 OK"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


def start_send(tmp_path, *, email_port: int) -> subprocess.Popen:
    env = process_env(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=DUMMY_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(),
        MEDIA_ROOT=str(tmp_path / "media"),
        EMAIL_URL=f"smtp://127.0.0.1:{email_port}",
        NEWSLETTER_UNSUBSCRIBE_BASE_URL=django_settings.NEWSLETTER_UNSUBSCRIBE_BASE_URL,
        FRONTEND_BASE_URL=django_settings.FRONTEND_BASE_URL,
        NEWSLETTER_STALE_SENDING_SECONDS="3600",  # the lease alone would make the next run wait an hour
    )
    return subprocess.Popen(
        [PYTHON, "manage.py", "send_newsletter", "--month", "2021-03"],
        cwd=BASE_DIR,
        env=env,
        stdout=(tmp_path / "send.log").open("w"),
        stderr=subprocess.STDOUT,
    )


def test_a_send_killed_mid_run_resumes_at_once_and_mails_each_recipient_once(
    postgresql_only, smtp_server_factory, settings, tmp_path
):
    for address in ADDRESSES:
        confirmed_subscriber(address)
    issue = make_issue("2021-03")
    smtp = smtp_server_factory(StallsOnTheNthRecipient(2))
    settings.NEWSLETTER_STALE_SENDING_SECONDS = 3600

    sender = start_send(tmp_path, email_port=settings.EMAIL_PORT)
    deadline = time.monotonic() + 120
    while smtp.stalled is None:
        assert sender.poll() is None, (tmp_path / "send.log").read_text()
        assert time.monotonic() < deadline, "the send never reached the second recipient"
        time.sleep(0.05)
    os.kill(sender.pid, signal.SIGKILL)
    sender.wait(timeout=30)
    smtp.release = True

    issue.refresh_from_db()
    assert issue.state == IssueState.SENDING and issue.send_lease is not None  # the dead run's lease, fresh
    assert Delivery.objects.get(subscriber__email=smtp.stalled).state == DeliveryState.SENDING
    [first] = [r.rcpt_tos[0] for r in smtp.received]
    assert first != smtp.stalled

    out = io.StringIO()
    call_command("send_newsletter", "--month", "2021-03", stdout=out, stderr=io.StringIO())
    assert "4 modtagere: 3 sendt nu, 1 sendt tidligere" in out.getvalue()
    assert sorted(r.rcpt_tos[0] for r in smtp.received) == sorted(ADDRESSES)  # each exactly once
    issue = NewsletterIssue.objects.get(pk=issue.pk)
    assert issue.state == IssueState.SENT and issue.send_lease is None


def test_a_live_run_holding_the_lock_keeps_a_second_run_out(postgresql_only, smtp_server_factory, settings, tmp_path):
    for address in ADDRESSES:
        confirmed_subscriber(address)
    make_issue("2021-03")
    smtp = smtp_server_factory(StallsOnTheNthRecipient(1))
    settings.NEWSLETTER_STALE_SENDING_SECONDS = 0  # the lease alone would let the second run in

    sender = start_send(tmp_path, email_port=settings.EMAIL_PORT)
    try:
        deadline = time.monotonic() + 120
        while smtp.stalled is None:
            assert sender.poll() is None, (tmp_path / "send.log").read_text()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        out = io.StringIO()
        call_command("send_newsletter", "--month", "2021-03", stdout=out, stderr=io.StringIO())
        assert "sendes allerede af en anden kørsel" in out.getvalue()
        assert smtp.received == []
    finally:
        sender.kill()
        sender.wait(timeout=30)
        smtp.release = True
