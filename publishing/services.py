"""Writes and side effects of the publishing jobs.

The Facebook publisher keeps a ledger row per page (`SocialPost`) and moves it
through waiting -> posting -> posted | failed | skipped, writing the row before and
after every call to Facebook. What that buys (Facebook has no idempotency key for
feed posts, so exactly-once can only be "in effect"):

- Claiming is a conditional UPDATE (`... WHERE state = 'waiting'`): of two runs at
  once, exactly one sees rowcount 1 and posts. It behaves the same on SQLite and
  PostgreSQL and holds no lock while waiting for Facebook.
- A run killed after Facebook accepted a post leaves the row in "posting". Once the
  claim's lease has run out (no live run can still be working on it), the next run
  reads the page's feed and marks the row posted if our link is there; it posts only
  if it is not.
- The same check precedes any retry after an answer that was lost (timeout, dropped
  connection, 5xx), so a retry never doubles a post.
"""

import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from wagtail.models import Page

from .cms_api import CANDIDATES_PAGE_SIZE, Candidate, CmsUnavailableError, facebook_candidates_fetch
from .facebook import (
    FacebookClient,
    GraphApiError,
    RefusedError,
    TokenInvalidError,
    TransientGraphError,
    backoff_delay,
    permalink,
)
from .models import SocialChannel, SocialPost, SocialPostState

logger = logging.getLogger(__name__)

NOT_ELIGIBLE = (
    "Siden var ikke blandt de offentlige sider markeret “Del på Facebook”, da jobbet kørte "
    "(afpubliceret, gjort privat, ikke længere markeret, eller først udgivet for mere end {days} dage siden). "
    "Den deles, hvis den igen bliver offentlig og markeret."
)


class FacebookNotConfiguredError(Exception):
    pass


@dataclass(frozen=True)
class FacebookConfig:
    graphql_url: str
    graph_api_url: str
    page_id: str
    access_token: str
    timeout: float
    max_attempts: int
    retry_base: float
    retry_cap: float
    lease_seconds: int
    lookback_days: int

    @classmethod
    def from_settings(cls) -> "FacebookConfig":
        return cls(
            graphql_url=settings.CMS_GRAPHQL_URL,
            graph_api_url=settings.FACEBOOK_GRAPH_API_URL,
            page_id=settings.FACEBOOK_PAGE_ID,
            access_token=settings.FACEBOOK_PAGE_ACCESS_TOKEN,
            timeout=settings.FACEBOOK_HTTP_TIMEOUT_SECONDS,
            max_attempts=max(1, settings.FACEBOOK_MAX_ATTEMPTS),
            retry_base=settings.FACEBOOK_RETRY_BASE_SECONDS,
            retry_cap=settings.FACEBOOK_RETRY_MAX_SECONDS,
            lease_seconds=settings.FACEBOOK_CLAIM_LEASE_SECONDS,
            lookback_days=settings.FACEBOOK_LOOKBACK_DAYS,
        )

    @property
    def can_post(self) -> bool:
        return bool(self.page_id and self.access_token)


class Outcome(StrEnum):
    POSTED = "opslået"
    SKIPPED = "sprunget over"
    FAILED = "fejlet"
    WOULD_POST = "ville opslå"


@dataclass(frozen=True)
class ItemResult:
    outcome: Outcome
    title: str
    detail: str


@dataclass
class RunReport:
    dry_run: bool = False
    items: list[ItemResult] = field(default_factory=list)
    stopped: str = ""  # why the run ended early, e.g. an invalid token

    def count(self, outcome: Outcome) -> int:
        return sum(1 for item in self.items if item.outcome == outcome)

    @property
    def has_failures(self) -> bool:
        return bool(self.stopped) or self.count(Outcome.FAILED) > 0


class _StopRun(Exception):
    pass


# --- editor side -------------------------------------------------------------


def facebook_post_queue(*, page: Page) -> SocialPost | None:
    """Record that a just-published page is due on Facebook, and wake the worker once the publish commits.

    Runs inside Wagtail's publish transaction, so the ledger row exists exactly when the
    publish does (an outbox). An existing row is left as it is: a page posted once is
    not posted again when it is edited and republished.
    """
    if not getattr(page, "share_on_facebook", False):
        return None
    post, _ = SocialPost.objects.get_or_create(
        page=page, channel=SocialChannel.FACEBOOK, defaults={"page_title": page.title}
    )
    if settings.FACEBOOK_PUBLISH_ON_PAGE_PUBLISH and post.state in (SocialPostState.WAITING, SocialPostState.SKIPPED):
        from .tasks import facebook_publish_task

        transaction.on_commit(facebook_publish_task.enqueue)
    return post


def social_post_retry(*, post: SocialPost) -> bool:
    """Put a failed post back in line; the next run posts it (after checking the feed if needed)."""
    updated = SocialPost.objects.filter(pk=post.pk, state=SocialPostState.FAILED).update(
        state=SocialPostState.WAITING, last_error="", updated_at=timezone.now()
    )
    if updated and settings.FACEBOOK_PUBLISH_ON_PAGE_PUBLISH:
        from .tasks import facebook_publish_task

        transaction.on_commit(facebook_publish_task.enqueue)
    return bool(updated)


# --- the job -----------------------------------------------------------------


def facebook_publish_run(
    *,
    dry_run: bool = False,
    limit: int | None = None,
    on_item: Callable[[ItemResult], None] | None = None,
    config: FacebookConfig | None = None,
    transport: httpx.BaseTransport | None = None,
) -> RunReport:
    """Post every due item once. Raises FacebookNotConfiguredError, or CmsUnavailableError before any post."""
    config = config or FacebookConfig.from_settings()
    if not dry_run and not config.can_post:
        raise FacebookNotConfiguredError(
            "FACEBOOK_PAGE_ID og FACEBOOK_PAGE_ACCESS_TOKEN skal være sat for at poste på Facebook."
        )
    report = RunReport(dry_run=dry_run)

    def emit(outcome: Outcome, title: str, detail: str) -> None:
        item = ItemResult(outcome=outcome, title=title, detail=detail)
        report.items.append(item)
        if on_item:
            on_item(item)

    since = timezone.now() - dt.timedelta(days=config.lookback_days)

    def fetch() -> list[Candidate]:
        return facebook_candidates_fetch(
            url=config.graphql_url,
            since=since,
            timeout=config.timeout,
            retry_base=config.retry_base,
            retry_cap=config.retry_cap,
        )

    def recheck(page_id: int) -> Candidate | None:
        return next((candidate for candidate in fetch() if candidate.page_id == page_id), None)

    candidates = fetch()
    if dry_run:
        _dry_run(candidates=candidates, emit=emit)
        return report

    _ledger_add_candidates(candidates=candidates)
    by_page = {candidate.page_id: candidate for candidate in candidates}
    # A full answer may have left out newer candidates, so only a short one proves a page is not due.
    answer_complete = len(candidates) < CANDIDATES_PAGE_SIZE
    with FacebookClient(
        base_url=config.graph_api_url,
        page_id=config.page_id,
        access_token=config.access_token,
        timeout=config.timeout,
        transport=transport,
    ) as client:
        publisher = _Publisher(config=config, client=client, emit=emit, recheck=recheck)
        handled = 0
        for row in _due_rows(config=config, order=list(by_page)):
            if limit is not None and handled >= limit:
                break
            candidate = by_page.get(row.page_id)
            if row.state == SocialPostState.WAITING and not row.needs_reconciliation and candidate is None:
                if answer_complete:
                    _mark_skipped_if_waiting(row=row, reason=NOT_ELIGIBLE.format(days=config.lookback_days))
                    emit(Outcome.SKIPPED, row.page_title, "ikke længere offentlig og markeret")
                continue
            handled += 1
            try:
                publisher.handle(row=row, candidate=candidate)
            except _StopRun as stop:
                report.stopped = str(stop)
                break
    return report


def _dry_run(*, candidates: list[Candidate], emit: Callable[[Outcome, str, str], None]) -> None:
    rows = {
        post.page_id: post
        for post in SocialPost.objects.filter(
            channel=SocialChannel.FACEBOOK, page_id__in=[candidate.page_id for candidate in candidates]
        )
    }
    for candidate in candidates:
        row = rows.get(candidate.page_id)
        if row is None or row.state in (SocialPostState.WAITING, SocialPostState.SKIPPED):
            emit(Outcome.WOULD_POST, candidate.title, f"{candidate.link}\n    {candidate.message!r}")
        elif row.state != SocialPostState.POSTED:
            emit(Outcome.SKIPPED, candidate.title, row.get_state_display().lower())


def _ledger_add_candidates(*, candidates: list[Candidate]) -> None:
    """A waiting row for every candidate without one; a skipped row is due again once its page is a candidate."""
    page_ids = set(Page.objects.filter(pk__in=[c.page_id for c in candidates]).values_list("pk", flat=True))
    SocialPost.objects.bulk_create(
        [
            SocialPost(
                page_id=c.page_id, channel=SocialChannel.FACEBOOK, page_title=c.title, message=c.message, link=c.link
            )
            for c in candidates
            if c.page_id in page_ids  # deleted since the API answered
        ],
        ignore_conflicts=True,  # the row exists (an earlier run, the publish signal, or a run right now)
    )
    SocialPost.objects.filter(
        channel=SocialChannel.FACEBOOK, state=SocialPostState.SKIPPED, page_id__in=page_ids
    ).update(state=SocialPostState.WAITING, last_error="", updated_at=timezone.now())


def _due_rows(*, config: FacebookConfig, order: list[int]) -> list[SocialPost]:
    """Waiting rows, and rows left "posting" by a run whose lease ran out; those first, then oldest page first."""
    stale = timezone.now() - dt.timedelta(seconds=config.lease_seconds)
    rows = list(
        SocialPost.objects.filter(channel=SocialChannel.FACEBOOK).filter(
            Q(state=SocialPostState.WAITING)
            | Q(state=SocialPostState.POSTING, claimed_at__lt=stale)
            | Q(state=SocialPostState.POSTING, claimed_at__isnull=True)
        )
    )
    position = {page_id: index for index, page_id in enumerate(order)}
    return sorted(rows, key=lambda row: (row.state == SocialPostState.WAITING, position.get(row.page_id, -1), row.pk))


def _mark_skipped_if_waiting(*, row: SocialPost, reason: str) -> None:
    SocialPost.objects.filter(pk=row.pk, state=SocialPostState.WAITING).update(
        state=SocialPostState.SKIPPED, last_error=reason, updated_at=timezone.now()
    )


class _Publisher:
    """Posts one claimed row at a time; every write is conditional on still holding the claim."""

    def __init__(
        self,
        *,
        config: FacebookConfig,
        client: FacebookClient,
        emit: Callable[[Outcome, str, str], None],
        recheck: Callable[[int], Candidate | None],
    ):
        self.config = config
        self.client = client
        self.emit = emit
        self.recheck = recheck

    def handle(self, *, row: SocialPost, candidate: Candidate | None) -> None:
        was_posting = row.state == SocialPostState.POSTING
        token = self._claim(row=row)
        if token is None:
            self.emit(Outcome.SKIPPED, row.page_title, "en anden kørsel er i gang med den")
            return
        title = candidate.title if candidate else row.page_title
        # Has a post for this row possibly reached Facebook without us hearing back?
        self.uncertain = was_posting or row.needs_reconciliation
        self.sent_links = {row.link} if row.link else set()
        self.sent_messages = {row.message} if row.message else set()
        if candidate is not None:
            # Ask the CMS again right before sending: the page may have been unpublished,
            # made private or unmarked since the run started, and its text may have changed.
            try:
                candidate = self.recheck(row.page_id)
            except CmsUnavailableError as error:
                self._release(row=row, token=token, error=str(error))
                raise _StopRun(str(error)) from error
        try:
            post_id, found = self._post(row=row, token=token, candidate=candidate)
        except TokenInvalidError as error:
            message = f"Facebook afviste adgangsnøglen: {error.describe()}"
            self._release(row=row, token=token, error=message)
            raise _StopRun(
                f"{message}. Forny FACEBOOK_PAGE_ACCESS_TOKEN; alle opslag venter stadig og sendes ved næste kørsel."
            ) from error
        except RefusedError as error:
            message = f"Facebook afviste opslaget: {error.describe()}"
            self._finish(row=row, token=token, state=SocialPostState.FAILED, last_error=message)
            self.emit(Outcome.FAILED, title, message)
            return
        except TransientGraphError as error:
            message = (
                f"Facebook svarede ikke efter {self.config.max_attempts} forsøg: {error.describe()}. "
                "Der prøves igen ved næste kørsel."
            )
            self._release(row=row, token=token, error=message)
            self.emit(Outcome.FAILED, title, message)
            return
        if post_id is None:
            self._finish(
                row=row,
                token=token,
                state=SocialPostState.SKIPPED,
                last_error=NOT_ELIGIBLE.format(days=self.config.lookback_days),
            )
            self.emit(Outcome.SKIPPED, title, "ikke længere offentlig og markeret")
            return
        self._finish(
            row=row,
            token=token,
            state=SocialPostState.POSTED,
            external_id=post_id,
            permalink=permalink(post_id),
            posted_at=timezone.now(),
            last_error="",
        )
        self.emit(Outcome.POSTED, title, f"{post_id}" + (" (fundet på Facebook-siden)" if found else ""))

    def _post(self, *, row: SocialPost, token: str, candidate: Candidate | None) -> tuple[str | None, bool]:
        """(post id, found in the feed rather than posted); (None, False) when the page is no longer due."""
        last_error: GraphApiError | None = None
        for attempt in range(self.config.max_attempts):
            if attempt:
                time.sleep(backoff_delay(attempt=attempt, base=self.config.retry_base, cap=self.config.retry_cap))
            try:
                if self.uncertain:
                    found = self._find()
                    if found is not None:
                        return found, True
                    self.uncertain = False
                if candidate is None:
                    return None, False
                self._before_send(row=row, token=token, candidate=candidate)
                return self.client.publish(message=candidate.message, link=candidate.link), False
            except TransientGraphError as error:
                self.uncertain = self.uncertain or error.may_have_posted
                last_error = error
                logger.warning("Facebook, forsøg %s for %s: %s", attempt + 1, row.page_title, error.describe())
        assert last_error is not None
        raise last_error

    def _find(self) -> str | None:
        post = self.client.find_post(links=self.sent_links, messages=self.sent_messages)
        return post.id if post is not None else None

    def _claim(self, *, row: SocialPost) -> str | None:
        token = uuid.uuid4().hex
        rows = SocialPost.objects.filter(pk=row.pk, state=row.state)
        if row.state == SocialPostState.POSTING:
            # Take over only the stale claim we saw, not a fresh one another run just made.
            rows = rows.filter(claim_token=row.claim_token, claimed_at=row.claimed_at)
        now = timezone.now()
        claimed = rows.update(state=SocialPostState.POSTING, claim_token=token, claimed_at=now, updated_at=now)
        return token if claimed == 1 else None

    def _before_send(self, *, row: SocialPost, token: str, candidate: Candidate) -> None:
        """Record what is about to be sent (so a later run can look for it) and renew the lease."""
        now = timezone.now()
        SocialPost.objects.filter(pk=row.pk, claim_token=token).update(
            page_title=candidate.title,
            message=candidate.message,
            link=candidate.link,
            revision_id=candidate.revision_id,
            attempts=F("attempts") + 1,
            claimed_at=now,
            updated_at=now,
        )
        self.sent_links.add(candidate.link)
        self.sent_messages.add(candidate.message)

    def _release(self, *, row: SocialPost, token: str, error: str) -> None:
        """Back to waiting; if a post may have gone out, the next run checks the feed first."""
        self._finish(
            row=row,
            token=token,
            state=SocialPostState.WAITING,
            last_error=error,
            needs_reconciliation=self.uncertain,
        )

    def _finish(self, *, row: SocialPost, token: str, state: SocialPostState, **fields) -> None:
        fields.setdefault("needs_reconciliation", self.uncertain if state == SocialPostState.FAILED else False)
        updated = SocialPost.objects.filter(pk=row.pk, claim_token=token).update(
            state=state, claim_token="", updated_at=timezone.now(), **fields
        )
        if not updated:
            # Our lease ran out and another run took the row over; it reconciles on its own.
            logger.warning("Facebook: %s blev overtaget af en anden kørsel", row.page_title)
