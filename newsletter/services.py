"""Subscriptions: subscribe (double opt-in), confirm, unsubscribe, purge.

The answer to `newsletter_subscribe` is the same whether the address is new,
waiting for confirmation or already confirmed: a caller cannot learn who is
subscribed. Only the owner of the address learns it, from the mail.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from home.selectors import newsletter_consent_text_get

from . import links
from .addresses import INVALID_EMAIL, EmailRefused, email_canonical  # noqa: F401 (INVALID_EMAIL: one of the answers)
from .models import ServiceMailSent, Subscriber, SubscriberState
from .tokens import confirm_token_read, unsubscribe_token_read

logger = logging.getLogger(__name__)

SUBSCRIBED = (
    "Tak! Vi har sendt en e-mail til adressen. Klik på linket i den for at bekræfte din tilmelding til nyhedsbrevet."
)
CONSENT_REQUIRED = "Du skal give samtykke, før vi kan sende dig nyhedsbrevet."
CONFIRMED = "Tak! Din tilmelding er bekræftet. Du får nyhedsbrevet fra næste udgave."
ALREADY_CONFIRMED = "Din tilmelding er allerede bekræftet."
CONFIRM_LINK_INVALID = "Linket er ugyldigt eller udløbet. Tilmeld dig igen for at få et nyt link."
UNSUBSCRIBED = "Du er afmeldt nyhedsbrevet, og din e-mailadresse er slettet hos os."
UNSUBSCRIBE_LINK_INVALID = "Linket til afmelding er ugyldigt. Brug linket nederst i et nyhedsbrev."


@dataclass(frozen=True)
class Result:
    ok: bool
    message: str


def newsletter_subscribe(*, email: str, consent: bool) -> Result:
    try:
        normalised = email_canonical(email=email)
    except EmailRefused as refused:
        return Result(ok=False, message=refused.message)
    if not consent:
        return Result(ok=False, message=CONSENT_REQUIRED)
    now = timezone.now()
    consent_text = newsletter_consent_text_get()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(
            email=normalised,
            defaults={"consent_text": consent_text, "consent_at": now},
        )
        if subscriber.state == SubscriberState.PENDING:
            # Asking again renews the consent and the time the unconfirmed row expires from.
            subscriber.consent_text = consent_text
            subscriber.consent_at = now
            subscriber.save(update_fields=["consent_text", "consent_at"])
    service_mail_enqueue(subscriber_id=subscriber.pk)
    return Result(ok=True, message=SUBSCRIBED)


def service_mail_enqueue(*, subscriber_id: int) -> None:
    """Queue the answer to a subscription (confirm, or "already subscribed") for the worker.

    Sent by the worker rather than in the request: a slow or failing mail server
    then neither delays the answer nor shows in it (the answer must not differ
    between known and unknown addresses), and a failed send is a failed task in
    the admin's task list rather than a line in a log. If the queue itself cannot
    be reached the mail is sent at once, in the request.
    """
    from .tasks import newsletter_service_mail_task

    # No on_commit: the database queue writes the task in the caller's transaction, so
    # it exists exactly when the subscriber row does.
    try:
        newsletter_service_mail_task.enqueue(subscriber_id)
    except Exception:
        logger.exception("Could not queue the service mail for subscriber %s; sending it now", subscriber_id)
        try:
            service_mail_send(subscriber_id=subscriber_id)
        except Exception:  # the answer must not differ: logged, never shown
            logger.exception("Newsletter service mail to subscriber %s failed", subscriber_id)


def service_mail_send(*, subscriber_id: int, once_key: str | None = None) -> bool:
    """Send the mail that answers a subscription, as its state is now; False if the subscriber is gone.

    Links are made here, from the subscriber's key, so that no token is stored in the task queue.

    `once_key` (the task's id) makes a repeated run send nothing: a task whose worker
    was killed is queued again, and the mail may already have gone out. The record is
    written as soon as the server has accepted the message; only a kill in the instant
    between the two sends it twice (at least once, as the newsletter's own sending).
    """
    if once_key is not None and ServiceMailSent.objects.filter(key=once_key).exists():
        return True
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False  # unsubscribed or purged before the worker got to it
    if subscriber.state == SubscriberState.CONFIRMED:
        template = "already_subscribed"
        context = {"unsubscribe_url": links.unsubscribe_page_url(key=subscriber.key)}
    else:
        template = "confirm"
        context = {"confirm_url": links.confirm_url(key=subscriber.key), "days": settings.NEWSLETTER_CONFIRM_DAYS}
    subject, _, body = render_to_string(f"newsletter/mail/{template}.txt", context).strip().partition("\n")
    send_mail(subject.strip(), body.strip() + "\n", None, [subscriber.email])
    if once_key is not None:
        ServiceMailSent.objects.get_or_create(key=once_key)
    return True


def newsletter_confirm(*, token: str) -> Result:
    key = confirm_token_read(token=token, max_age=dt.timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS))
    subscriber = Subscriber.objects.filter(key=key).first() if key else None
    if subscriber is None:
        return Result(ok=False, message=CONFIRM_LINK_INVALID)
    if subscriber.state == SubscriberState.CONFIRMED:
        return Result(ok=True, message=ALREADY_CONFIRMED)
    Subscriber.objects.filter(pk=subscriber.pk).update(state=SubscriberState.CONFIRMED, confirmed_at=timezone.now())
    return Result(ok=True, message=CONFIRMED)


def newsletter_unsubscribe(*, token: str) -> Result:
    """Delete the subscriber: after withdrawal we have no reason to keep the address.

    Idempotent: a second click (or a mail client retrying the one-click POST)
    answers the same.
    """
    key = unsubscribe_token_read(token=token)
    if key is None:
        return Result(ok=False, message=UNSUBSCRIBE_LINK_INVALID)
    Subscriber.objects.filter(key=key).delete()
    return Result(ok=True, message=UNSUBSCRIBED)


def newsletter_subscriptions_purge(*, now: dt.datetime | None = None) -> int:
    """Delete subscriptions never confirmed within NEWSLETTER_CONFIRM_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.NEWSLETTER_CONFIRM_DAYS)
    _, per_model = Subscriber.objects.filter(state=SubscriberState.PENDING, consent_at__lt=cutoff).delete()
    return per_model.get(Subscriber._meta.label, 0)
