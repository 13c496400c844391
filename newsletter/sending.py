"""Sending an approved issue: one message per confirmed subscriber, recorded in a ledger.

Exactly once, as far as SMTP allows. Each recipient has a Delivery row. Before a
message goes out, its row is claimed (PENDING or TEMP_FAILED -> SENDING, committed);
as soon as the server has accepted it, the row becomes SENT. A rerun skips SENT
rows, so a send that is killed and started again mails nobody twice and skips
nobody. The one gap is a kill in the instant between the server's "250 accepted"
and the SENT update: the row stays SENDING and its outcome is unknown. Such rows
are sent again by a later run once NEWSLETTER_STALE_SENDING_SECONDS have passed:
we chose at-least-once for that instant, because a process dies far more often
during the SMTP exchange (nothing delivered) than in the microseconds after it,
and a resident who misses the issue is worse than one who gets it twice. Every
message has a stable Message-ID per delivery, so such a duplicate is recognisable
as the same message.

Only one run sends an issue at a time. On PostgreSQL a run holds a session-level
advisory lock on the issue (pg_try_advisory_lock) for as long as it sends. The
database releases it when the run's connection ends, also when the process is
killed, so holding it proves that no other run is alive: the run takes the
lease at once, and rows left SENDING count as abandoned at once. A crashed send
therefore resumes as soon as it is started again, not NEWSLETTER_STALE_SENDING_SECONDS
later. A second run that finds the lock held sends nothing.

Elsewhere (SQLite) the lease alone decides: a run takes the issue's lease (a
conditional UPDATE, so it works on any database) and renews it, and the row it
is sending, before every SMTP attempt. A second run finds the lease taken and
sends nothing; it can take the lease over only when it has not been renewed for
NEWSLETTER_STALE_SENDING_SECONDS, i.e. from a run that has died. That holds as
long as one attempt (at most a handful of EMAIL_TIMEOUTs) plus one backoff is
shorter than that, which the defaults (30 s, 300 s) leave ample room for. The
lease is kept on PostgreSQL too: it is what a run renews and checks before each
attempt, and what the admin shows.

Who is at fault decides what a failure does:
- The session (the server cannot be reached, refuses the greeting, EHLO/HELO,
  STARTTLS or the login, or refuses the sender at MAIL FROM): nothing is wrong
  with the recipient. Temporary errors are retried with backoff; then the row
  goes back to PENDING and the run stops with NewsletterSendError. The issue
  stays SENDING, so the next run carries on where this one stopped.
- The recipient's address (RCPT refused): 4xx is retried with backoff and left
  TEMP_FAILED for the next run; 5xx fails that recipient (FAILED, with the reason).
- The message (DATA refused, or the connection lost mid-message): retried like
  a 4xx; a 5xx is not retried in the run but left TEMP_FAILED, because it says
  nothing certain about the address (it is usually the content or the relay).
- The message cannot even be built for this recipient (an address or header that
  can never be encoded): FAILED at once, since a retry would fail the same way.
After NEWSLETTER_MAX_ATTEMPTS tries in all, a row is FAILED with its last reason.

CONSECUTIVE_FAILURES_TO_STOP failures in a row, of any kind, mean the fault is
not the recipients': the run stops, the rest stay PENDING, and the issue is not
marked SENT, so that a relay which rejects every message cannot turn the whole
list into failures.
"""

import contextlib
import datetime as dt
import logging
import smtplib
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connections, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.html import escape

from publishing.backoff import backoff_delay

from . import links
from .build import UNSUBSCRIBE_PLACEHOLDER, newsletter_issue_render
from .models import Delivery, DeliveryState, IssueState, NewsletterIssue, Subscriber, SubscriberState

logger = logging.getLogger(__name__)

# After this many failed recipients in a row, the fault is not theirs: stop the run.
CONSECUTIVE_FAILURES_TO_STOP = 5

# Failures of the session with the server, whoever the recipient is.
SESSION_ERRORS = (
    smtplib.SMTPConnectError,
    smtplib.SMTPHeloError,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPNotSupportedError,
    smtplib.SMTPSenderRefused,
)

# What a failed delivery was, for the stop message.
LOST, TEMPORARY, PERMANENT = "lost", "temporary", "permanent"


class NewsletterSendError(Exception):
    """The issue cannot be sent (not approved, unsafe settings, or the mail server refuses the session)."""


@dataclass
class SendSummary:
    recipients: int = 0  # rows in the ledger
    sent_now: int = 0
    sent_before: int = 0
    temp_failed: int = 0
    failed: int = 0
    waiting: int = 0  # rows not yet tried, or that another run may still be working on
    stopped_early: bool = False
    stop_reason: str = ""
    busy: bool = False  # another run holds the issue's lease; this run sent nothing
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if self.busy:
            return "Udgaven sendes allerede af en anden kørsel; denne kørsel har ikke sendt noget."
        text = (
            f"{self.recipients} modtagere: {self.sent_now} sendt nu, {self.sent_before} sendt tidligere, "
            f"{self.temp_failed} midlertidige fejl, {self.failed} afvist"
        )
        if self.stopped_early:
            return f"{text}, {self.waiting} venter. {self.stop_reason}"
        if self.waiting:
            text += f", {self.waiting} afventer en afbrudt afsendelse (prøv igen om lidt)"
        return text + "."


def newsletter_issue_approve(*, issue: NewsletterIssue, user=None) -> NewsletterIssue:
    """Approve the issue as it is now (rendered afresh from its content and intro)."""
    if issue.is_locked:
        raise NewsletterSendError(f"Udgaven for {issue.month_label} er allerede sendt eller ved at blive sendt.")
    newsletter_issue_render(issue=issue)
    issue.state = IssueState.APPROVED
    issue.approved_at = timezone.now()
    issue.approved_by = user if getattr(user, "pk", None) else None
    issue.save(update_fields=["html", "text", "state", "approved_at", "approved_by"])
    return issue


def _start(issue: NewsletterIssue) -> None:
    """Fix the recipient list and lock the issue, in one transaction, once."""
    with transaction.atomic():
        locked = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if locked.state == IssueState.APPROVED:
            subscriber_ids = Subscriber.objects.filter(state=SubscriberState.CONFIRMED).values_list("pk", flat=True)
            Delivery.objects.bulk_create(
                [Delivery(issue=locked, subscriber_id=pk) for pk in subscriber_ids], ignore_conflicts=True
            )
            locked.state = IssueState.SENDING
            locked.save(update_fields=["state"])
        issue.state = locked.state


def _check_can_send(issue: NewsletterIssue) -> None:
    """Refuse what would fail for every recipient, before anyone is claimed."""
    if not settings.DEBUG and not settings.NEWSLETTER_UNSUBSCRIBE_BASE_URL.startswith("https://"):
        # RFC 8058: Gmail and Yahoo ignore a one-click link that is not HTTPS, and require one for bulk mail.
        raise NewsletterSendError(
            "NEWSLETTER_UNSUBSCRIBE_BASE_URL skal være en https://-adresse, før nyhedsbrevet kan sendes "
            f'(er "{settings.NEWSLETTER_UNSUBSCRIBE_BASE_URL}"): mailudbydere ignorerer afmeldingslinks uden https.'
        )
    if "\r" in issue.subject or "\n" in issue.subject:
        raise NewsletterSendError(
            f"Emnet på udgaven for {issue.month_label} indeholder et linjeskift; ret det i admin og godkend igen."
        )


# First key of the advisory lock (the issue's id is the second): "nl", for newsletter sends.
ADVISORY_LOCK_NAMESPACE = 0x6E6C


@contextlib.contextmanager
def _issue_lock(issue: NewsletterIssue) -> Iterator[bool | None]:
    """PostgreSQL: True while this session holds the issue's advisory lock, False if a live run holds it.

    None on other databases (the lease alone decides there). Session-level, not
    transaction-level: it must outlive the many short transactions of a send.
    """
    connection = connections[NewsletterIssue.objects.db]
    if connection.vendor != "postgresql":
        yield None
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [ADVISORY_LOCK_NAMESPACE, issue.pk])
        held = bool(cursor.fetchone()[0])
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [ADVISORY_LOCK_NAMESPACE, issue.pk])


def _lease_take(issue: NewsletterIssue, *, no_other_run: bool = False) -> uuid.UUID | None:
    """Take the issue's send lease if it is free or its holder has stopped renewing it.

    `no_other_run`: the advisory lock proves that no other run is alive, so any lease is a dead run's.
    """
    run = uuid.uuid4()
    now = timezone.now()
    expired = now - dt.timedelta(seconds=settings.NEWSLETTER_STALE_SENDING_SECONDS)
    issues = NewsletterIssue.objects.filter(pk=issue.pk)
    if not no_other_run:
        issues = issues.filter(Q(send_lease__isnull=True) | Q(send_lease_renewed_at__lte=expired))
    taken = issues.update(send_lease=run, send_lease_renewed_at=now)
    return run if taken else None


def _lease_release(issue: NewsletterIssue, run: uuid.UUID) -> None:
    NewsletterIssue.objects.filter(pk=issue.pk, send_lease=run).update(send_lease=None, send_lease_renewed_at=None)


def newsletter_issue_send(
    *,
    issue: NewsletterIssue,
    approve: bool = False,
    user=None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[Delivery, str], None] | None = None,
) -> SendSummary:
    """Send (or resume sending) the issue; temporary failures of an earlier run are retried too."""
    _check_can_send(issue)
    if issue.state == IssueState.DRAFT:
        if not approve:
            raise NewsletterSendError(
                f"Udgaven for {issue.month_label} er ikke godkendt. Godkend den i admin, eller brug --approve."
            )
        newsletter_issue_approve(issue=issue, user=user)
    _start(issue)
    with _issue_lock(issue) as locked:
        if locked is False:
            return SendSummary(busy=True)
        run = _lease_take(issue, no_other_run=bool(locked))
        if run is None:
            return SendSummary(busy=True)
        try:
            return _send(issue, run=run, no_other_run=bool(locked), on_start=on_start, on_progress=on_progress)
        finally:
            _lease_release(issue, run)


def _send(issue: NewsletterIssue, *, run: uuid.UUID, no_other_run: bool, on_start, on_progress) -> SendSummary:
    # Rows left SENDING by a run that died: at once when no other run can be alive (advisory lock).
    stale_before = timezone.now()
    if not no_other_run:
        stale_before -= dt.timedelta(seconds=settings.NEWSLETTER_STALE_SENDING_SECONDS)
    ledger = issue.deliveries.select_related("subscriber")
    todo = list(
        (
            ledger.filter(state__in=[DeliveryState.PENDING, DeliveryState.TEMP_FAILED])
            | ledger.filter(state=DeliveryState.SENDING, updated_at__lte=stale_before)
        ).order_by("pk")
    )
    if on_start:
        on_start(len(todo))
    sender = _Sender(issue, run=run)
    try:
        for delivery in todo:
            outcome = sender.deliver(delivery, stale_before=stale_before)
            if on_progress:
                on_progress(delivery, outcome)
            if sender.stop_reason:
                break
    finally:
        sender.close()
    summary = _summary(issue)
    summary.sent_now = sender.sent
    summary.sent_before = max(summary.sent_before - sender.sent, 0)
    summary.stopped_early = bool(sender.stop_reason)
    summary.stop_reason = sender.stop_reason
    summary.errors = sender.errors
    # A run that stopped early leaves the issue SENDING even if no row is left
    # waiting: the next run must look at it again.
    if (
        not summary.stopped_early
        and not issue.deliveries.filter(state__in=[DeliveryState.PENDING, DeliveryState.SENDING]).exists()
    ):
        NewsletterIssue.objects.filter(pk=issue.pk, state=IssueState.SENDING).update(
            state=IssueState.SENT, sent_at=timezone.now()
        )
        issue.refresh_from_db(fields=["state", "sent_at"])
    return summary


def _summary(issue: NewsletterIssue) -> SendSummary:
    counts = dict.fromkeys(DeliveryState.values, 0)
    counts.update(issue.deliveries.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    return SendSummary(
        recipients=sum(counts.values()),
        sent_before=counts[DeliveryState.SENT],
        temp_failed=counts[DeliveryState.TEMP_FAILED],
        failed=counts[DeliveryState.FAILED],
        waiting=counts[DeliveryState.SENDING] + counts[DeliveryState.PENDING],
    )


@dataclass(frozen=True)
class _Failure:
    scope: str  # "session", "recipient", "message" or "build"
    kind: str  # LOST (no answer), TEMPORARY (4xx) or PERMANENT (5xx, or bound to fail again)
    reason: str

    @property
    def temporary(self) -> bool:
        return self.kind != PERMANENT


def _classify(exc: Exception, *, opening: bool) -> _Failure:
    """Whose fault, and whether trying again may help: 4xx and lost connections are temporary, 5xx is not."""
    if isinstance(exc, ValueError):  # BadHeaderError, an address that cannot be encoded
        return _Failure("build", PERMANENT, f"Beskeden kan ikke dannes: {exc}"[:500])
    session = opening or isinstance(exc, SESSION_ERRORS)
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        scope = "recipient"
        code, text = next(iter(exc.recipients.values()))
    elif isinstance(exc, smtplib.SMTPResponseException):
        scope = "session" if session else "message"
        code, text = exc.smtp_code, exc.smtp_error
    else:
        # Refused or lost connections and timeouts; a server without AUTH or SMTPUTF8 will not grow them.
        kind = PERMANENT if isinstance(exc, smtplib.SMTPNotSupportedError) else LOST
        return _Failure("session" if session else "message", kind, f"{type(exc).__name__}: {exc}"[:500])
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return _Failure(scope, PERMANENT if 500 <= code < 600 else TEMPORARY, f"{code} {text}"[:500])


def _stop_reason(kinds: list[str], last_reason: str) -> str:
    n = len(kinds)
    if all(kind == LOST for kind in kinds):
        cause = f"mailserveren svarede ikke eller afbrød forbindelsen ved {n} modtagere i træk"
    elif all(kind == TEMPORARY for kind in kinds):
        cause = f"mailserveren afviste {n} modtagere i træk midlertidigt"
    elif all(kind == PERMANENT for kind in kinds):
        cause = (
            f"mailserveren afviste {n} beskeder i træk permanent; det tyder på en fejl hos mailserveren "
            "eller i beskeden, ikke hos modtagerne"
        )
    else:
        cause = f"{n} forsendelser i træk mislykkedes"
    return (
        f"Afsendelsen stoppede, fordi {cause} (seneste svar: {last_reason}). "
        "De øvrige modtagere venter til næste kørsel af send_newsletter."
    )


class _Sender:
    """One SMTP connection for the whole run, reopened after it breaks."""

    def __init__(self, issue: NewsletterIssue, *, run: uuid.UUID):
        self.issue = issue
        self.run = run
        self.connection = get_connection()
        self.sent = 0
        self.streak: list[str] = []  # kinds of the failures since the last success
        self.stop_reason = ""
        self.errors: list[str] = []
        self.from_email = settings.DEFAULT_FROM_EMAIL
        self.domain = parseaddr(self.from_email)[1].rpartition("@")[2] or "localhost"

    def close(self) -> None:
        try:
            self.connection.close()
        except Exception:  # a broken connection may fail to say QUIT; it is gone either way
            logger.debug("Closing the SMTP connection failed", exc_info=True)

    def message(self, delivery: Delivery) -> EmailMultiAlternatives:
        key = delivery.subscriber.key
        page_url = links.unsubscribe_page_url(key=key)
        one_click_url = links.one_click_unsubscribe_url(key=key)
        message = EmailMultiAlternatives(
            subject=self.issue.subject,
            body=self.issue.text.replace(UNSUBSCRIBE_PLACEHOLDER, page_url),
            from_email=self.from_email,
            to=[delivery.subscriber.email],
            connection=self.connection,
            headers={
                "List-Unsubscribe": f"<{one_click_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": f"Nyhedsbrev fra Bysekretariatet <nyhedsbrev.{self.domain}>",
                # Stable per delivery: a message sent again after an unclear kill is the same message.
                "Message-ID": f"<nyhedsbrev-{self.issue.month_label}-{delivery.pk}@{self.domain}>",
            },
        )
        message.attach_alternative(self.issue.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(page_url)), "text/html")
        message.message()  # renders the headers now, so a message that can never be sent fails before SMTP
        return message

    def _open(self) -> None:
        """Open the session and say EHLO now, so that their failures are the session's, not a recipient's."""
        backend = self.connection
        if getattr(backend, "connection", True) is None:  # Django's SMTP backend, not connected
            backend.open()
            backend.connection.ehlo_or_helo_if_needed()

    def deliver(self, delivery: Delivery, *, stale_before: dt.datetime) -> str:
        """Send to one recipient; returns the delivery's new state, or "skipped" if another run has it."""
        if not self._claim(delivery, stale_before=stale_before):
            return "skipped"
        try:
            message = self.message(delivery)
        except ValueError as exc:
            return self._give_up(delivery, _classify(exc, opening=False), DeliveryState.FAILED)
        attempts = settings.NEWSLETTER_SEND_RETRIES
        for attempt in range(1, attempts + 1):
            self._keep_alive(delivery)
            opening = True
            try:
                self._open()
                opening = False
                self.connection.send_messages([message])
            except (smtplib.SMTPException, OSError, ValueError) as exc:
                failure = _classify(exc, opening=opening)
            else:
                self._set(delivery, DeliveryState.SENT, count_attempt=True)
                self.sent += 1
                self.streak = []
                return DeliveryState.SENT
            self.close()  # the session may be half-way through a transaction, or closed by a 421
            retry = failure.temporary and attempt < attempts
            if failure.scope == "session":
                if retry:
                    self._backoff(attempt)
                    continue
                self._set(delivery, DeliveryState.PENDING, error=failure.reason)
                raise NewsletterSendError(
                    f"Mailserveren tager ikke imod forbindelsen, login eller afsenderen ({failure.reason}). "
                    "Ingen modtager er mærket som afvist; afsendelsen fortsætter, når kommandoen køres igen."
                )
            if failure.scope == "build":
                return self._give_up(delivery, failure, DeliveryState.FAILED)
            delivery.attempts += 1
            Delivery.objects.filter(pk=delivery.pk).update(
                attempts=F("attempts") + 1, last_error=failure.reason, updated_at=timezone.now()
            )
            if retry and delivery.attempts < settings.NEWSLETTER_MAX_ATTEMPTS:
                self._backoff(attempt)
                continue
            refused = failure.scope == "recipient" and not failure.temporary  # only the address itself fails
            gave_up = delivery.attempts >= settings.NEWSLETTER_MAX_ATTEMPTS
            state = DeliveryState.FAILED if refused or gave_up else DeliveryState.TEMP_FAILED
            return self._give_up(delivery, failure, state, counted=True)
        raise AssertionError("unreachable")

    def _give_up(self, delivery: Delivery, failure: _Failure, state: str, *, counted: bool = False) -> str:
        self._set(delivery, state, error=failure.reason, count_attempt=not counted)
        self.streak.append(failure.kind)
        self.errors.append(f"{delivery.subscriber.email}: {failure.reason}")
        if len(self.streak) >= CONSECUTIVE_FAILURES_TO_STOP:
            self.stop_reason = _stop_reason(self.streak, failure.reason)
        return state

    def _backoff(self, attempt: int) -> None:
        time.sleep(backoff_delay(attempt=attempt - 1, base=settings.NEWSLETTER_RETRY_DELAY_SECONDS, cap=60.0))

    def _keep_alive(self, delivery: Delivery) -> None:
        """Renew the lease and the row before each attempt, so neither looks abandoned while we work."""
        now = timezone.now()
        if not NewsletterIssue.objects.filter(pk=self.issue.pk, send_lease=self.run).update(send_lease_renewed_at=now):
            # Another run took the issue over (this one stalled for longer than the lease). The row is
            # left as it is: the other run may have claimed it already, and it goes stale if not.
            raise NewsletterSendError(
                f"En anden kørsel har overtaget afsendelsen af {self.issue.month_label}; denne kørsel stopper."
            )
        Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.SENDING).update(updated_at=now)

    def _claim(self, delivery: Delivery, *, stale_before: dt.datetime) -> bool:
        """Mark the row SENDING if it is still ours to send: a conditional UPDATE, committed at once."""
        claimable = Delivery.objects.filter(pk=delivery.pk).filter(
            state__in=[DeliveryState.PENDING, DeliveryState.TEMP_FAILED]
        ) | Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.SENDING, updated_at__lte=stale_before)
        return bool(claimable.update(state=DeliveryState.SENDING, updated_at=timezone.now()))

    def _set(self, delivery: Delivery, state: str, *, error: str = "", count_attempt: bool = False) -> None:
        values: dict = {"state": state, "last_error": error, "updated_at": timezone.now()}
        if count_attempt:
            values["attempts"] = F("attempts") + 1
        if state == DeliveryState.SENT:
            values["sent_at"] = timezone.now()
        Delivery.objects.filter(pk=delivery.pk).update(**values)
        delivery.state = state
