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
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Count
from django.utils import timezone

from publishing import lease

from .build import newsletter_issue_render
from .delivery import NewsletterSendError, Sender
from .models import Delivery, DeliveryState, IssueState, NewsletterIssue, Subscriber, SubscriberState

__all__ = ["NewsletterSendError", "SendSummary", "newsletter_issue_approve", "newsletter_issue_send"]


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


# The issue's send lease, on the database's clock (publishing.lease): renewed before every SMTP attempt.
SEND_LEASE_FIELD = "send_lease_renewed_at"

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
    seconds = None if no_other_run else settings.NEWSLETTER_STALE_SENDING_SECONDS
    taken = lease.claim(
        NewsletterIssue.objects.filter(pk=issue.pk), field=SEND_LEASE_FIELD, seconds=seconds, send_lease=run
    )
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
    stale_seconds = 0 if no_other_run else settings.NEWSLETTER_STALE_SENDING_SECONDS
    ledger = issue.deliveries.select_related("subscriber")
    todo = list(
        (
            ledger.filter(state__in=[DeliveryState.PENDING, DeliveryState.TEMP_FAILED])
            | ledger.filter(state=DeliveryState.SENDING, updated_at__lte=lease.expired_before(seconds=stale_seconds))
        ).order_by("pk")
    )
    if on_start:
        on_start(len(todo))
    sender = Sender(issue, run=run, stale_seconds=stale_seconds)
    try:
        for delivery in todo:
            outcome = sender.deliver(delivery)
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
