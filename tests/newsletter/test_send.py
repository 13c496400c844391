"""Sending through a real SMTP server: headers, both parts, a resumable ledger, and SMTP failures."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from newsletter.models import Delivery, DeliveryState, IssueState, Subscriber
from newsletter.sending import newsletter_issue_send

from .backends import Killed, KillingBackend
from .conftest import confirmed_subscriber, make_issue

pytestmark = pytest.mark.django_db

ADDRESSES = [f"beboer{i}@example.dk" for i in range(6)]


@pytest.fixture
def subscribers():
    Subscriber.objects.create(email="ubekraeftet@example.dk", consent_text="Ja", consent_at=dt.datetime.now(dt.UTC))
    return [confirmed_subscriber(address) for address in ADDRESSES]


def _send(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_newsletter", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_every_message_has_both_parts_and_one_click_headers(smtp_server, subscribers):
    make_issue("2021-03")
    out, _ = _send("--month", "2021-03")
    assert "6 modtagere: 6 sendt nu, 0 sendt tidligere, 0 midlertidige fejl, 0 afvist" in out

    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(ADDRESSES)  # not the unconfirmed one
    client = Client()
    for received in smtp_server.received:
        message = received.message
        assert message["Subject"] == "Nyhedsbrev 2021-03"
        assert message.get_content_type() == "multipart/alternative"
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        assert "Byrådet vedtager ny helhedsplan" in text and "Byrådet vedtager ny helhedsplan" in html
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        one_click = str(message["List-Unsubscribe"]).strip()  # may be folded onto its own line
        assert one_click.startswith("<https://cms.test/nyhedsbrev/afmeld/") and one_click.endswith("/>")
        # The body's link is personal too, to the website's unsubscribe page.
        assert "https://frontend.test/nyhedsbrev/afmeld?token=" in text
        assert "https://frontend.test/nyhedsbrev/afmeld?token=" in html
        assert "afmeld.invalid" not in text + html
        # The header's link works without a login: RFC 8058's POST.
        path = one_click.strip("<>").removeprefix("https://cms.test")
        assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscriber.objects.filter(email__in=ADDRESSES).exists()


def test_each_recipient_gets_their_own_unsubscribe_link(smtp_server, subscribers):
    make_issue("2021-03")
    _send("--month", "2021-03")
    headers = {r.message["List-Unsubscribe"] for r in smtp_server.received}
    assert len(headers) == len(ADDRESSES)


def test_a_killed_send_resumes_without_duplicates_or_gaps(smtp_server, subscribers, settings):
    issue = make_issue("2021-03")
    settings.EMAIL_BACKEND = "tests.newsletter.backends.KillingBackend"
    KillingBackend.calls, KillingBackend.before = 0, 4  # dies while about to send the 4th message
    with pytest.raises(Killed):
        newsletter_issue_send(issue=issue)
    assert len(smtp_server.received) == 3
    issue.refresh_from_db()
    assert issue.state == IssueState.SENDING
    ledger = dict(issue.deliveries.values_list("subscriber__email", "state"))
    assert sorted(ledger.values()).count(DeliveryState.SENT) == 3
    assert list(ledger.values()).count(DeliveryState.SENDING) == 1  # claimed, not sent

    KillingBackend.before = None
    if connection.vendor == "postgresql":
        # The advisory lock is free, so no run is alive: the row left "sending" goes out at once.
        out, _ = _send("--month", "2021-03")
        assert "6 modtagere: 3 sendt nu, 3 sendt tidligere" in out
    else:
        # Run again straight away: the row left "sending" is not touched yet (another run might own it) ...
        out, _ = _send("--month", "2021-03")
        assert "afventer en afbrudt afsendelse" in out
        assert len(smtp_server.received) == 5
        # ... and is sent by a run after NEWSLETTER_STALE_SENDING_SECONDS.
        Delivery.objects.filter(state=DeliveryState.SENDING).update(updated_at=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
        out, _ = _send("--month", "2021-03")
        assert "6 modtagere: 1 sendt nu, 5 sendt tidligere" in out

    recipients = sorted(r.rcpt_tos[0] for r in smtp_server.received)
    assert recipients == sorted(ADDRESSES)  # each exactly once
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT and issue.sent_at is not None
    out, _ = _send("--month", "2021-03")  # a sent issue sends nothing more
    assert len(smtp_server.received) == 6


def test_a_kill_right_after_the_server_accepted_is_sent_again(smtp_server, subscribers, settings):
    """The documented at-least-once instant: accepted by SMTP, not yet written to the ledger."""
    issue = make_issue("2021-03")
    settings.EMAIL_BACKEND = "tests.newsletter.backends.KillingBackend"
    settings.NEWSLETTER_STALE_SENDING_SECONDS = 0
    KillingBackend.calls, KillingBackend.before, KillingBackend.after = 0, None, 2
    with pytest.raises(Killed):
        newsletter_issue_send(issue=issue)
    KillingBackend.after = None
    newsletter_issue_send(issue=issue)
    recipients = [r.rcpt_tos[0] for r in smtp_server.received]
    assert len(recipients) == 7 and len(set(recipients)) == 6
    twice = [a for a in set(recipients) if recipients.count(a) == 2]
    assert len(twice) == 1
    ids = [r.message["Message-ID"] for r in smtp_server.received if r.rcpt_tos[0] == twice[0]]
    assert ids[0] == ids[1]  # the same message, recognisably


def test_temporary_and_permanent_refusals_are_recorded_and_retried(smtp_server, subscribers):
    make_issue("2021-03")
    smtp_server.replies = {
        "beboer1@example.dk": "450 4.2.1 Mailbox busy, try later",
        "beboer2@example.dk": "550 5.1.1 No such user",
        "beboer3@example.dk": "452 4.3.1 Insufficient storage",
    }
    out, err = _send("--month", "2021-03")
    assert "6 modtagere: 3 sendt nu, 0 sendt tidligere, 2 midlertidige fejl, 1 afvist" in out
    assert "550 5.1.1 No such user" in err
    ledger = {d.subscriber.email: d for d in Delivery.objects.select_related("subscriber")}
    assert ledger["beboer1@example.dk"].state == DeliveryState.TEMP_FAILED
    assert ledger["beboer1@example.dk"].last_error.startswith("450")
    assert ledger["beboer1@example.dk"].attempts == 3  # retried within the run
    assert ledger["beboer3@example.dk"].state == DeliveryState.TEMP_FAILED
    assert ledger["beboer2@example.dk"].state == DeliveryState.FAILED
    assert ledger["beboer2@example.dk"].attempts == 1  # a permanent refusal is not retried
    assert ledger["beboer2@example.dk"].last_error == "550 5.1.1 No such user"
    assert {d.state for e, d in ledger.items() if e in ("beboer0@example.dk", "beboer4@example.dk")} == {"sent"}

    # Later the mailboxes work again: the scheduler's plain `send_newsletter` delivers the temporary ones only.
    smtp_server.replies = {"beboer2@example.dk": "550 5.1.1 No such user"}
    out, _ = _send()
    assert "6 modtagere: 2 sendt nu, 3 sendt tidligere, 0 midlertidige fejl, 1 afvist" in out
    recipients = sorted(r.rcpt_tos[0] for r in smtp_server.received)
    assert recipients == sorted(set(ADDRESSES) - {"beboer2@example.dk"})


def test_a_dropped_connection_is_temporary_and_the_run_reconnects(smtp_server, subscribers):
    make_issue("2021-03")
    smtp_server.replies = {"beboer1@example.dk": "421 4.4.2 Closing connection"}
    out, _ = _send("--month", "2021-03")
    assert "5 sendt nu" in out and "1 midlertidige fejl" in out
    assert Delivery.objects.get(subscriber__email="beboer1@example.dk").state == DeliveryState.TEMP_FAILED


def test_a_draft_is_not_sent_unless_approved(smtp_server, subscribers):
    make_issue("2021-03", approved=False)
    with pytest.raises(CommandError, match="ikke godkendt"):
        _send("--month", "2021-03")
    assert smtp_server.received == []
    out, _ = _send("--month", "2021-03", "--approve")
    assert "6 sendt nu" in out and len(smtp_server.received) == 6


def test_the_progress_bar_and_summary(smtp_server, subscribers, monkeypatch, capsys):
    make_issue("2021-03")
    import newsletter.management.commands.send_newsletter as command

    bars = []
    real_tqdm = command.tqdm

    def recording_tqdm(**kwargs):
        bar = real_tqdm(**{**kwargs, "disable": False})
        bars.append(bar)
        return bar

    monkeypatch.setattr(command, "tqdm", recording_tqdm)
    out, _ = _send("--month", "2021-03")
    assert bars[0].total == 6 and bars[0].n == 6
    progress = capsys.readouterr().err  # tqdm draws on the process's stderr
    assert "Sender 2021-03" in progress and "6/6" in progress
    assert "2021-03: 6 modtagere" in out
