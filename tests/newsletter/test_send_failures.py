"""When sending goes wrong: whose fault it is decides who is marked failed, and the run stops in time."""

import io
import threading
import time

import pytest
from aiosmtpd.smtp import AuthResult
from django.core.management import CommandError, call_command
from django.db import connection

from newsletter.models import Delivery, DeliveryState, IssueState, NewsletterIssue, Subscriber
from newsletter.sending import newsletter_issue_send

from .conftest import HelloRefusingHandler, RecordingHandler, confirmed_subscriber, make_issue

pytestmark = pytest.mark.django_db

ADDRESSES = [f"beboer{i}@example.dk" for i in range(6)]


@pytest.fixture
def subscribers():
    return [confirmed_subscriber(address) for address in ADDRESSES]


def _send(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_newsletter", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _states() -> dict[str, str]:
    return dict(Delivery.objects.values_list("subscriber__email", "state"))


def _refuse_every_login(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=False, handled=False)


def _a_good_server_later_delivers_everyone_once(smtp_server_factory, issue):
    good = smtp_server_factory()
    out, _ = _send()  # the scheduler's plain run picks the half-sent issue up
    assert f"{len(ADDRESSES)} sendt nu" in out
    assert sorted(r.rcpt_tos[0] for r in good.received) == sorted(ADDRESSES)
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_a_refused_login_stops_the_run_and_fails_nobody(smtp_server_factory, settings, subscribers):
    issue = make_issue("2021-03")
    smtp_server_factory(auth_required=True, auth_require_tls=False, authenticator=_refuse_every_login)
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = "nyhedsbrev", "forkert-adgangskode"

    with pytest.raises(
        CommandError, match="Mailserveren tager ikke imod forbindelsen, login eller afsenderen"
    ) as error:
        _send("--month", "2021-03")
    assert "535" in str(error.value) and "Ingen modtager er mærket som afvist" in str(error.value)
    assert set(_states().values()) == {DeliveryState.PENDING}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {0}
    issue.refresh_from_db()
    assert issue.state == IssueState.SENDING and issue.sent_at is None

    _a_good_server_later_delivers_everyone_once(smtp_server_factory, issue)


def test_a_refused_ehlo_stops_the_run_and_fails_nobody(smtp_server_factory, subscribers):
    issue = make_issue("2021-03")
    refusing = smtp_server_factory(HelloRefusingHandler())

    with pytest.raises(CommandError, match=r"554 5\.7\.1 Host not permitted"):
        _send("--month", "2021-03")
    assert refusing.received == [] and set(_states().values()) == {DeliveryState.PENDING}
    issue.refresh_from_db()
    assert issue.state == IssueState.SENDING

    _a_good_server_later_delivers_everyone_once(smtp_server_factory, issue)


def test_an_unreachable_server_stops_the_run_and_keeps_everyone_for_later(settings, smtp_server_factory, subscribers):
    issue = make_issue("2021-03")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens on the discard port
    settings.NEWSLETTER_SEND_RETRIES = 2

    with pytest.raises(CommandError, match="ConnectionRefusedError"):
        _send("--month", "2021-03")
    assert set(_states().values()) == {DeliveryState.PENDING}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {0}  # the recipients did nothing wrong

    _a_good_server_later_delivers_everyone_once(smtp_server_factory, issue)


def test_a_relay_that_rejects_every_message_stops_after_five_and_fails_nobody(smtp_server_factory, subscribers):
    issue = make_issue("2021-03")
    smtp_server_factory(RecordingHandler(data_reply="554 5.7.1 Message rejected as spam"))

    with pytest.raises(CommandError, match="afviste 5 beskeder i træk permanent") as error:
        _send("--month", "2021-03")
    assert "554 5.7.1 Message rejected as spam" in str(error.value)
    states = list(_states().values())
    assert DeliveryState.FAILED not in states
    assert states.count(DeliveryState.TEMP_FAILED) == 5 and states.count(DeliveryState.PENDING) == 1
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {0, 1}  # a 5xx is not retried in the run
    issue.refresh_from_db()
    assert issue.state == IssueState.SENDING

    _a_good_server_later_delivers_everyone_once(smtp_server_factory, issue)


def test_five_temporary_refusals_in_a_row_stop_the_run_and_say_so(smtp_server, subscribers):
    make_issue("2021-03")
    # The ledger is in subscription order, newest first: beboer5 to beboer1 come first.
    smtp_server.replies = dict.fromkeys(ADDRESSES[1:], "450 4.2.1 Mailbox busy, try later")

    with pytest.raises(CommandError) as error:
        _send("--month", "2021-03")
    message = str(error.value)
    assert "mailserveren afviste 5 modtagere i træk midlertidigt" in message
    assert "De øvrige modtagere venter til næste kørsel" in message
    assert "svarer ikke" not in message
    assert _states()[ADDRESSES[0]] == DeliveryState.PENDING


def test_an_address_refused_by_the_server_fails_only_that_recipient(smtp_server, subscribers):
    issue = make_issue("2021-03")
    smtp_server.replies = {ADDRESSES[1]: "550 5.1.1 No such user"}
    out, _ = _send("--month", "2021-03")
    assert "5 sendt nu" in out and "1 afvist" in out
    assert _states()[ADDRESSES[1]] == DeliveryState.FAILED
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT


def test_a_message_that_cannot_be_built_fails_that_recipient_and_the_run_goes_on(smtp_server, subscribers):
    issue = make_issue("2021-03")
    # An address that would inject a header; the signup never stores one, but the sender must not crash on it.
    broken = Subscriber.objects.filter(email=ADDRESSES[1]).get()
    Subscriber.objects.filter(pk=broken.pk).update(email="beboer1@example.dk\nBcc: alle@example.dk")

    out, _ = _send("--month", "2021-03")
    assert "5 sendt nu" in out and "1 afvist" in out
    row = Delivery.objects.get(subscriber=broken)
    assert row.state == DeliveryState.FAILED and row.last_error.startswith("Beskeden kan ikke dannes")
    assert len(smtp_server.received) == 5
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT


def test_a_subject_with_a_line_break_is_refused_before_anyone_is_claimed(smtp_server, subscribers):
    issue = make_issue("2021-03")
    NewsletterIssue.objects.filter(pk=issue.pk).update(subject="Nyhedsbrev\nBcc: alle@example.dk")
    with pytest.raises(CommandError, match="linjeskift"):
        _send("--month", "2021-03")
    assert smtp_server.received == []
    assert not Delivery.objects.exclude(state=DeliveryState.PENDING).exists()


def test_sending_refuses_an_unsubscribe_link_without_https(smtp_server, subscribers, settings):
    make_issue("2021-03")
    settings.NEWSLETTER_UNSUBSCRIBE_BASE_URL = "http://cms.test"
    with pytest.raises(CommandError, match="https"):
        _send("--month", "2021-03")
    assert smtp_server.received == [] and not Delivery.objects.exists()

    settings.DEBUG = True  # a developer's machine may send with http links
    out, _ = _send("--month", "2021-03")
    assert "6 sendt nu" in out


# serialized_rollback like every transactional test here: a plain flush re-creates content
# types through post_migrate, and the next serialized test would then fail to load its own.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_runs_at_once_send_each_recipient_once(smtp_server, settings):
    """The first run is slow on one recipient (two slow 4xx, then accepted) while a second run starts."""
    for address in ADDRESSES[:3]:
        confirmed_subscriber(address)
    issue = make_issue("2021-03")
    settings.NEWSLETTER_STALE_SENDING_SECONDS = 2
    slow = ADDRESSES[0]
    smtp_server.replies = {slow: ["450 4.2.1 Try again", "450 4.2.1 Try again"]}
    smtp_server.rcpt_delay = {slow: 1.0}  # each attempt well within the stale limit; all three beyond it
    results = {}

    def run(name):
        try:
            results[name] = newsletter_issue_send(issue=NewsletterIssue.objects.get(pk=issue.pk))
        finally:
            connection.close()

    first = threading.Thread(target=run, args=("first",))
    first.start()
    deadline = time.monotonic() + 10
    while slow not in smtp_server.attempts and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(2.3)  # the first run's claim of the slow recipient is now older than the stale limit
    second = threading.Thread(target=run, args=("second",))
    second.start()
    second.join(30)
    first.join(30)

    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(ADDRESSES[:3])  # each exactly once
    assert results["second"].busy and "sendes allerede af en anden kørsel" in str(results["second"])
    assert results["first"].sent_now == 3
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT and issue.send_lease is None
