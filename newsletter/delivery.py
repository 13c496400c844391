"""Delivering one issue to one recipient over SMTP, and telling whose fault a failure is.

The send (`newsletter.sending`) claims each row of the ledger through a `Sender`, which
keeps one SMTP connection for the whole run, renews the run's lease before every
attempt, and decides from the failure (see `classify`) whether to retry, leave the row
for the next run, fail the recipient or stop the run.
"""

import logging
import smtplib
import time
import uuid
from dataclasses import dataclass
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.html import escape

from publishing import lease
from publishing.backoff import backoff_delay

from . import links
from .build import UNSUBSCRIBE_PLACEHOLDER
from .models import Delivery, DeliveryState, NewsletterIssue

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


@dataclass(frozen=True)
class Failure:
    scope: str  # "session", "recipient", "message" or "build"
    kind: str  # LOST (no answer), TEMPORARY (4xx) or PERMANENT (5xx, or bound to fail again)
    reason: str

    @property
    def temporary(self) -> bool:
        return self.kind != PERMANENT


def classify(exc: Exception, *, opening: bool) -> Failure:
    """Whose fault, and whether trying again may help: 4xx and lost connections are temporary, 5xx is not."""
    if isinstance(exc, ValueError):  # BadHeaderError, an address that cannot be encoded
        return Failure("build", PERMANENT, f"Beskeden kan ikke dannes: {exc}"[:500])
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
        return Failure("session" if session else "message", kind, f"{type(exc).__name__}: {exc}"[:500])
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return Failure(scope, PERMANENT if 500 <= code < 600 else TEMPORARY, f"{code} {text}"[:500])


def stop_reason(kinds: list[str], last_reason: str) -> str:
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


class Sender:
    """One SMTP connection for the whole run, reopened after it breaks."""

    def __init__(self, issue: NewsletterIssue, *, run: uuid.UUID, stale_seconds: float):
        self.issue = issue
        self.run = run
        self.stale_seconds = stale_seconds  # a row left SENDING this long belongs to a run that died
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

    def deliver(self, delivery: Delivery) -> str:
        """Send to one recipient; returns the delivery's new state, or "skipped" if another run has it."""
        if not self._claim(delivery):
            return "skipped"
        try:
            message = self.message(delivery)
        except ValueError as exc:
            return self._give_up(delivery, classify(exc, opening=False), DeliveryState.FAILED)
        attempts = settings.NEWSLETTER_SEND_RETRIES
        for attempt in range(1, attempts + 1):
            self._keep_alive(delivery)
            opening = True
            try:
                self._open()
                opening = False
                self.connection.send_messages([message])
            except (smtplib.SMTPException, OSError, ValueError) as exc:
                failure = classify(exc, opening=opening)
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
                attempts=F("attempts") + 1, last_error=failure.reason, updated_at=Now()
            )
            if retry and delivery.attempts < settings.NEWSLETTER_MAX_ATTEMPTS:
                self._backoff(attempt)
                continue
            refused = failure.scope == "recipient" and not failure.temporary  # only the address itself fails
            gave_up = delivery.attempts >= settings.NEWSLETTER_MAX_ATTEMPTS
            state = DeliveryState.FAILED if refused or gave_up else DeliveryState.TEMP_FAILED
            return self._give_up(delivery, failure, state, counted=True)
        raise AssertionError("unreachable")

    def _give_up(self, delivery: Delivery, failure: Failure, state: str, *, counted: bool = False) -> str:
        self._set(delivery, state, error=failure.reason, count_attempt=not counted)
        self.streak.append(failure.kind)
        self.errors.append(f"{delivery.subscriber.email}: {failure.reason}")
        if len(self.streak) >= CONSECUTIVE_FAILURES_TO_STOP:
            self.stop_reason = stop_reason(self.streak, failure.reason)
        return state

    def _backoff(self, attempt: int) -> None:
        time.sleep(backoff_delay(attempt=attempt - 1, base=settings.NEWSLETTER_RETRY_DELAY_SECONDS, cap=60.0))

    def _keep_alive(self, delivery: Delivery) -> None:
        """Renew the lease and the row before each attempt, so neither looks abandoned while we work."""
        issue = NewsletterIssue.objects.filter(pk=self.issue.pk, send_lease=self.run)
        if not lease.renew(issue, field="send_lease_renewed_at"):
            # Another run took the issue over (this one stalled for longer than the lease). The row is
            # left as it is: the other run may have claimed it already, and it goes stale if not.
            raise NewsletterSendError(
                f"En anden kørsel har overtaget afsendelsen af {self.issue.month_label}; denne kørsel stopper."
            )
        Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.SENDING).update(updated_at=Now())

    def _claim(self, delivery: Delivery) -> bool:
        """Mark the row SENDING if it is still ours to send: a conditional UPDATE, committed at once."""
        claimable = Delivery.objects.filter(pk=delivery.pk).filter(
            state__in=[DeliveryState.PENDING, DeliveryState.TEMP_FAILED]
        ) | Delivery.objects.filter(
            pk=delivery.pk,
            state=DeliveryState.SENDING,
            updated_at__lte=lease.expired_before(seconds=self.stale_seconds),
        )
        return bool(claimable.update(state=DeliveryState.SENDING, updated_at=Now()))

    def _set(self, delivery: Delivery, state: str, *, error: str = "", count_attempt: bool = False) -> None:
        values: dict = {"state": state, "last_error": error, "updated_at": Now()}
        if count_attempt:
            values["attempts"] = F("attempts") + 1
        if state == DeliveryState.SENT:
            values["sent_at"] = timezone.now()
        Delivery.objects.filter(pk=delivery.pk).update(**values)
        delivery.state = state
