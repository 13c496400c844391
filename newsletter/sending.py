"""Sending an approved issue: one message per confirmed subscriber, recorded in a ledger.

Exactly once, as far as SMTP allows. Each recipient has a Delivery row. Before a
message goes out, its row is claimed (PENDING or TEMP_FAILED -> SENDING, committed);
as soon as the server has accepted it, the row becomes SENT. A rerun skips SENT
rows, so a send that is killed and started again mails nobody twice and skips
nobody. The one gap is a kill in the instant between the server's "250 accepted"
and the SENT update: the row stays SENDING and its outcome is unknown. Such rows
are sent again by a later run once NEWSLETTER_STALE_SENDING_SECONDS have passed
(so that a second run started in parallel never takes a row another process is
working on): we chose at-least-once for that instant, because a process dies far
more often during the SMTP exchange (nothing delivered) than in the microseconds
after it, and a resident who misses the issue is worse than one who gets it
twice. Every message has a stable Message-ID per delivery, so such a duplicate is
recognisable as the same message.

Temporary failures (4xx, dropped connections, timeouts) are retried within the run
with backoff, then left TEMP_FAILED for the next run; after NEWSLETTER_MAX_ATTEMPTS
tries in all, or on a permanent refusal (5xx), the row is FAILED with the reason.
"""

import datetime as dt
import logging
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.html import escape

from . import links
from .build import UNSUBSCRIBE_PLACEHOLDER, newsletter_issue_render
from .models import Delivery, DeliveryState, IssueState, NewsletterIssue, Subscriber, SubscriberState

logger = logging.getLogger(__name__)

# After this many recipients in a row fail temporarily, the mail server is down: stop the run.
CONSECUTIVE_FAILURES_TO_STOP = 5


class NewsletterSendError(Exception):
    """The issue cannot be sent (not approved, or the mail server refuses the sender)."""


@dataclass
class SendSummary:
    recipients: int = 0  # rows in the ledger
    sent_now: int = 0
    sent_before: int = 0
    temp_failed: int = 0
    failed: int = 0
    waiting: int = 0  # rows another run may still be working on
    stopped_early: bool = False
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"{self.recipients} modtagere: {self.sent_now} sendt nu, {self.sent_before} sendt tidligere, "
            f"{self.temp_failed} midlertidige fejl, {self.failed} afvist"
        )
        if self.waiting:
            text += f", {self.waiting} afventer en afbrudt afsendelse (prøv igen om lidt)"
        if self.stopped_early:
            text += ". Afsendelsen stoppede, fordi mailserveren ikke svarer; kør kommandoen igen senere"
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


def newsletter_issue_send(
    *,
    issue: NewsletterIssue,
    approve: bool = False,
    user=None,
    on_start: Callable[[int], None] | None = None,
    on_progress: Callable[[Delivery, str], None] | None = None,
) -> SendSummary:
    """Send (or resume sending) the issue; temporary failures of an earlier run are retried too."""
    if issue.state == IssueState.DRAFT:
        if not approve:
            raise NewsletterSendError(
                f"Udgaven for {issue.month_label} er ikke godkendt. Godkend den i admin, eller brug --approve."
            )
        newsletter_issue_approve(issue=issue, user=user)
    _start(issue)
    stale_before = timezone.now() - dt.timedelta(seconds=settings.NEWSLETTER_STALE_SENDING_SECONDS)
    ledger = issue.deliveries.select_related("subscriber")
    todo = list(
        (
            ledger.filter(state__in=[DeliveryState.PENDING, DeliveryState.TEMP_FAILED])
            | ledger.filter(state=DeliveryState.SENDING, updated_at__lte=stale_before)
        ).order_by("pk")
    )
    if on_start:
        on_start(len(todo))
    sender = _Sender(issue)
    try:
        for delivery in todo:
            outcome = sender.deliver(delivery, stale_before=stale_before)
            if on_progress:
                on_progress(delivery, outcome)
            if sender.consecutive_failures >= CONSECUTIVE_FAILURES_TO_STOP:
                break
    finally:
        sender.close()
    summary = _summary(issue)
    summary.sent_now = sender.sent
    summary.sent_before = max(summary.sent_before - sender.sent, 0)
    summary.stopped_early = sender.consecutive_failures >= CONSECUTIVE_FAILURES_TO_STOP
    summary.errors = sender.errors
    if not issue.deliveries.filter(state__in=[DeliveryState.PENDING, DeliveryState.SENDING]).exists():
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


def _classify(exc: Exception) -> tuple[bool, str]:
    """(temporary?, reason). 4xx and lost connections are temporary; 5xx is permanent."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, text = next(iter(exc.recipients.values()))
    elif isinstance(exc, smtplib.SMTPResponseException):
        code, text = exc.smtp_code, exc.smtp_error
    else:
        return True, f"{type(exc).__name__}: {exc}"[:500]
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return not 500 <= code < 600, f"{code} {text}"[:500]


class _Sender:
    """One SMTP connection for the whole run, reopened after it breaks."""

    def __init__(self, issue: NewsletterIssue):
        self.issue = issue
        self.connection = get_connection()
        self.sent = 0
        self.consecutive_failures = 0
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
        return message

    def deliver(self, delivery: Delivery, *, stale_before: dt.datetime) -> str:
        """Send to one recipient; returns the delivery's new state, or "skipped" if another run has it."""
        if not self._claim(delivery, stale_before=stale_before):
            return "skipped"
        message = self.message(delivery)
        attempts = settings.NEWSLETTER_SEND_RETRIES
        for attempt in range(1, attempts + 1):
            try:
                if getattr(self.connection, "connection", True) is None:
                    self.connection.open()
                self.connection.send_messages([message])
            except smtplib.SMTPSenderRefused as exc:
                self._set(delivery, DeliveryState.PENDING, error=_classify(exc)[1])
                raise NewsletterSendError(f"Mailserveren afviser afsenderen: {_classify(exc)[1]}") from exc
            except (smtplib.SMTPException, OSError) as exc:
                temporary, reason = _classify(exc)
                if not isinstance(exc, smtplib.SMTPRecipientsRefused):
                    self.close()  # the session may be half-way through a transaction
                delivery.attempts += 1
                Delivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1, last_error=reason)
                if temporary and attempt < attempts and delivery.attempts < settings.NEWSLETTER_MAX_ATTEMPTS:
                    time.sleep(settings.NEWSLETTER_RETRY_DELAY_SECONDS * 2 ** (attempt - 1))
                    continue
                gave_up = delivery.attempts >= settings.NEWSLETTER_MAX_ATTEMPTS
                state = DeliveryState.TEMP_FAILED if temporary and not gave_up else DeliveryState.FAILED
                self._set(delivery, state, error=reason)
                self.consecutive_failures = self.consecutive_failures + 1 if temporary else 0
                self.errors.append(f"{delivery.subscriber.email}: {reason}")
                return state
            else:
                self._set(delivery, DeliveryState.SENT, count_attempt=True)
                self.sent += 1
                self.consecutive_failures = 0
                return DeliveryState.SENT
        raise AssertionError("unreachable")

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
