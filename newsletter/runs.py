"""Build, test mail and send started from the admin: a row the editor sees, and a task the worker runs.

The commands `build_newsletter` and `send_newsletter` call the same services
directly; these runs only add the queue and the visible result.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from .build import NewsletterBuildError, issue_html_for_web, issue_text_for_web, month_start, newsletter_issue_build
from .models import IssueState, NewsletterIssue, NewsletterRun, RunKind, RunState
from .sending import NewsletterSendError, newsletter_issue_send

logger = logging.getLogger(__name__)


class RunRefused(Exception):
    """The run cannot be queued; the message is Danish and shown to the editor."""


def newsletter_run_queue(*, kind: str, month: dt.date, user) -> NewsletterRun:
    """Record the run and queue its task once the request's transaction commits."""
    month = month_start(month)
    issue = NewsletterIssue.objects.filter(month=month).first()
    if kind in (RunKind.TEST, RunKind.SEND) and issue is None:
        raise RunRefused(f"Der er ingen udgave for {month:%Y-%m}. Byg den først.")
    if kind == RunKind.TEST and not getattr(user, "email", ""):
        raise RunRefused("Din bruger har ingen e-mailadresse. Tilføj den under din konto, og prøv igen.")
    if kind == RunKind.SEND and issue.state not in (IssueState.APPROVED, IssueState.SENDING):
        raise RunRefused(f"Udgaven for {issue.month_label} skal godkendes, før den kan sendes.")
    if kind == RunKind.BUILD and issue is not None and issue.is_locked:
        raise RunRefused(f"Udgaven for {issue.month_label} er sendt eller ved at blive sendt og ændres ikke.")
    run = NewsletterRun.objects.create(kind=kind, month=month, requested_by=user if getattr(user, "pk", None) else None)
    transaction.on_commit(lambda: _enqueue(run.pk), robust=True)
    return run


def _enqueue(run_id: int) -> None:
    from .tasks import newsletter_run_task

    try:
        newsletter_run_task.enqueue(run_id=run_id)
    except Exception as error:
        logger.exception("Nyhedsbrev: kørslen kunne ikke sættes i kø")
        NewsletterRun.objects.filter(pk=run_id).update(
            state=RunState.FAILED, message=f"Kunne ikke sættes i kø: {error}", finished_at=timezone.now()
        )


def newsletter_run_execute(*, run_id: int) -> str:
    """Run a queued run and store its result on the row. Returns the result text."""
    run = NewsletterRun.objects.select_related("requested_by").get(pk=run_id)
    NewsletterRun.objects.filter(pk=run.pk).update(state=RunState.RUNNING)
    try:
        if run.kind == RunKind.BUILD:
            message = _build(run)
        elif run.kind == RunKind.TEST:
            message = _test_mail(run)
        else:
            message = _send(run)
    except (NewsletterBuildError, NewsletterSendError, RunRefused) as error:
        _finish(run, RunState.FAILED, str(error))
        raise
    except Exception as error:
        _finish(run, RunState.FAILED, f"Uventet fejl: {type(error).__name__}: {error}")
        raise
    _finish(run, RunState.DONE, message)
    return message


def _finish(run: NewsletterRun, state: str, message: str) -> None:
    NewsletterRun.objects.filter(pk=run.pk).update(state=state, message=message[:2000], finished_at=timezone.now())


def _build(run: NewsletterRun) -> str:
    issue = newsletter_issue_build(month=run.month)
    content = issue.content
    return (
        f"Udgaven for {issue.month_label} er bygget: {len(content.get('news', []))} nyheder, "
        f"{len(content.get('events', []))} arrangementer, {len(content.get('documents', []))} dokumenter."
    )


def _test_mail(run: NewsletterRun) -> str:
    issue = NewsletterIssue.objects.get(month=run.month)
    address = run.requested_by.email if run.requested_by else ""
    if not address:
        raise RunRefused("Den, der bad om testmailen, har ingen e-mailadresse.")
    message = EmailMultiAlternatives(
        subject=f"[Test] {issue.subject}",
        body=issue_text_for_web(issue=issue),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )
    message.attach_alternative(issue_html_for_web(issue=issue), "text/html")
    message.send()
    return f"Testmailen er sendt til {address}."


def _send(run: NewsletterRun) -> str:
    issue = NewsletterIssue.objects.get(month=run.month)
    return str(newsletter_issue_send(issue=issue))
