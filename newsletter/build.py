"""The monthly build: read the month's content from the CMS's GraphQL API, render, store a draft.

The build reads over HTTP, like any other client, so it sees exactly what the
public website sees: live, public pages and documents outside private
collections. It sends the jobs contract's NewsletterContent operation unchanged.
"""

import datetime as dt
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

import css_inline
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import dateparse, timezone, translation
from django.utils.formats import date_format

from documents.choices import DocumentKind
from publishing.graphql_client import CmsError, GraphQLClient

from . import links
from .models import IssueState, NewsletterIssue

logger = logging.getLogger(__name__)

OPERATION = (Path(__file__).parent / "operations" / "newsletter_content.graphql").read_text()
OPERATION_NAME = "NewsletterContent"
# The contract's operation reads one page of 50 per section (perPage: 50, limit: 50).
PAGE_SIZE = 50
# Asked only when a section comes back full, to tell "exactly 50" from "more than 50".
# Not part of the jobs contract: the contract's operation stays as the contract has it.
COUNT_OPERATION_NAME = "NewsletterContentCount"
COUNT_OPERATION = """
query NewsletterContentCount($from: DateTime!, $to: DateTime!, $eventsFrom: DateTime!, $eventsTo: DateTime!) {
  newsItems(publishedFrom: $from, publishedTo: $to, page: 1, perPage: 1) { pagination { total } }
  events(from: $eventsFrom, to: $eventsTo, limit: 51) { startsAt }
  documents(publishedFrom: $from, publishedTo: $to, page: 1, perPage: 1) { pagination { total } }
}"""
SECTION_NAMES = {"newsItems": "nyheder", "events": "arrangementer", "documents": "dokumenter"}
# Replaced per recipient when sending, and by the archive page in the web version.
UNSUBSCRIBE_PLACEHOLDER = "https://afmeld.invalid/__afmeld__"
INLINER = css_inline.CSSInliner(load_remote_stylesheets=False, keep_at_rules=True)


class NewsletterBuildError(Exception):
    """The build could not read the content, or the issue may no longer change."""


def month_start(value: dt.date) -> dt.date:
    return value.replace(day=1)


def next_month(value: dt.date) -> dt.date:
    return (value.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def previous_month(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _local_midnight(day: dt.date) -> str:
    return dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(settings.TIME_ZONE)).isoformat()


def newsletter_content_fetch(*, month: dt.date, url: str | None = None, transport=None) -> dict:
    """The month's items that are marked for the newsletter, as plain data.

    News and documents published in the month; events that start in the next
    month and are not cancelled. Documents have no newsletter flag: all of the
    month's public documents are included. Transport errors and 5xx answers are
    retried with backoff; anything else fails the build at once. A section with
    more items than the contract's page of 50 fails the build too, rather than
    leaving some out without a word.
    """
    after = next_month(month)
    variables = {
        "from": _local_midnight(month),
        "to": _local_midnight(after),
        "eventsFrom": _local_midnight(after),
        "eventsTo": _local_midnight(next_month(after)),
    }
    client = GraphQLClient(
        url=url or settings.CMS_GRAPHQL_URL,
        timeout=settings.NEWSLETTER_HTTP_TIMEOUT,
        attempts=settings.NEWSLETTER_HTTP_ATTEMPTS,
        retry_base=settings.NEWSLETTER_RETRY_DELAY_SECONDS,
        retry_cap=60.0,
        transport=transport,
    )
    data = _graphql(client, OPERATION, OPERATION_NAME, variables)
    full = {
        section: len(rows)
        for section, rows in (
            ("newsItems", data["newsItems"]["items"]),
            ("events", data["events"]),
            ("documents", data["documents"]["items"]),
        )
        if len(rows) >= PAGE_SIZE
    }
    if full:
        # Only now ask whether there is more: the common month costs one request, the contract's.
        counts = _graphql(client, COUNT_OPERATION, COUNT_OPERATION_NAME, variables)
        totals = {
            "newsItems": counts["newsItems"]["pagination"]["total"],
            "events": len(counts["events"]),
            "documents": counts["documents"]["pagination"]["total"],
        }
        for section in full:
            if totals[section] > PAGE_SIZE:
                raise NewsletterBuildError(
                    f"Perioden har {totals[section]} {SECTION_NAMES[section]}, men nyhedsbrevets forespørgsel "
                    f"henter højst {PAGE_SIZE}. Nyhedsbrevet bygges ikke, for det ville mangle nogle af dem "
                    "uden at sige det; bed en udvikler om at hæve grænsen."
                )
    return {
        "news": [item for item in data["newsItems"]["items"] if item["includeInNewsletter"]],
        "events": [event for event in data["events"] if event["includeInNewsletter"] and not event["isCancelled"]],
        "documents": data["documents"]["items"],
    }


def _graphql(client: GraphQLClient, query: str, operation_name: str, variables: dict) -> dict:
    """One operation's `data`; the CMS's failures become the build's, with the client's Danish message."""
    try:
        return client.execute(query=query, operation_name=operation_name, variables=variables)
    except CmsError as error:
        raise NewsletterBuildError(str(error)) from error


def newsletter_issue_build(*, month: dt.date, url: str | None = None, transport=None) -> NewsletterIssue:
    """Build (or rebuild) the month's draft. A rebuild keeps the subject and intro and withdraws any approval."""
    month = month_start(month)
    existing = NewsletterIssue.objects.filter(month=month).first()
    if existing is not None and existing.is_locked:
        raise NewsletterBuildError(
            f"Udgaven for {existing.month_label} er sendt eller ved at blive sendt og ændres ikke."
        )
    content = newsletter_content_fetch(month=month, url=url, transport=transport)
    issue = existing or NewsletterIssue(month=month)
    issue.content = content
    issue.subject = issue.subject or _subject(month)  # the editor may have changed it, like the intro
    issue.state = IssueState.DRAFT
    issue.approved_at = None
    issue.approved_by = None
    issue.built_at = timezone.now()
    newsletter_issue_render(issue=issue)
    # A concurrent send could have locked the row since we read it: only an unlocked row is replaced.
    if existing is None:
        issue.save()
    else:
        fields = ["content", "subject", "state", "approved_at", "approved_by", "built_at", "html", "text"]
        updated = NewsletterIssue.objects.filter(pk=issue.pk, state__in=[IssueState.DRAFT, IssueState.APPROVED]).update(
            **{field: getattr(issue, field) for field in fields}
        )
        if not updated:
            raise NewsletterBuildError(f"Udgaven for {issue.month_label} er netop begyndt at blive sendt.")
    return issue


def _subject(month: dt.date) -> str:
    with translation.override("da"):
        return f"Nyhedsbrev fra Bysekretariatet – {date_format(month, 'F Y')}"


def newsletter_issue_render(*, issue: NewsletterIssue) -> None:
    """Set the issue's HTML (CSS inlined) and text from its stored content and its intro."""
    if issue.is_locked:
        raise NewsletterBuildError(f"Udgaven for {issue.month_label} er sendt og ændres ikke.")
    if "\r" in issue.subject or "\n" in issue.subject:  # a header cannot hold a line break; the mail would never go
        raise NewsletterBuildError(f"Emnet på udgaven for {issue.month_label} skal stå på én linje.")
    content = issue.content or {}
    with translation.override("da"):
        context = {
            "subject": issue.subject,
            "month_name": date_format(issue.month, "F Y"),
            "next_month_name": date_format(next_month(issue.month), "F Y"),
            "intro": issue.intro,
            "news": [
                {**item, "published": dateparse.parse_date(item["publishedDate"])} for item in content.get("news", [])
            ],
            "events": [
                {**event, "starts": timezone.localtime(dateparse.parse_datetime(event["startsAt"]))}
                for event in content.get("events", [])
            ],
            "documents": [
                {**document, "kind_label": _kind_label(document["kind"])} for document in content.get("documents", [])
            ],
            "web_url": links.issue_web_url(month_label=issue.month_label),
            "archive_url": links.archive_url(),
            "frontend_url": settings.FRONTEND_BASE_URL,
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        }
        html = render_to_string("newsletter/email.html", context)
        issue.text = render_to_string("newsletter/email.txt", context).strip() + "\n"
    issue.html = INLINER.inline(html)


def _kind_label(name: str) -> str:
    try:
        return DocumentKind[name].label
    except KeyError:
        return ""


def issue_html_for_web(*, issue: NewsletterIssue) -> str:
    """The HTML as the archive shows it: the personal unsubscribe link becomes the newsletter page."""
    return issue.html.replace(UNSUBSCRIBE_PLACEHOLDER, links.archive_url())


def issue_text_for_web(*, issue: NewsletterIssue) -> str:
    return issue.text.replace(UNSUBSCRIBE_PLACEHOLDER, links.archive_url())
