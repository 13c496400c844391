"""The Facebook publisher's job: claims, posts and reconciles with the feed (the editor side is in `publishing.editor`).

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
- A claim is decided on the row as it is in the database right before the UPDATE, and
  that UPDATE is conditional on the row still being so: a run that listed the rows
  earlier never acts on a copy that another run has changed since (e.g. put back to
  waiting with "check the feed first").
- Leases are measured on the database's clock, not the clocks of the hosts running
  jobs, and a run that has lost its claim (lease ran out, another run took over) does
  not post.
"""

import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable

import httpx
from django.db.models import DateTimeField, ExpressionWrapper, F, Q
from django.db.models.functions import Now
from wagtail.models import Page

from .backoff import backoff_delay
from .cms_api import Candidate, CandidateList, facebook_candidates_fetch
from .config import FacebookConfig, FacebookNotConfiguredError
from .facebook import (
    THROTTLING_CODES,
    FacebookClient,
    GraphApiError,
    RefusedError,
    TokenInvalidError,
    TransientGraphError,
    permalink,
)
from .graphql_client import CmsError
from .models import SocialChannel, SocialPost, SocialPostState
from .report import ItemResult, Outcome, RunReport
from .status import facebook_skip_reasons, facebook_window_start

logger = logging.getLogger(__name__)

NOT_ELIGIBLE = "Ikke delt, da jobbet kørte: {reason}. Den deles, hvis den igen bliver offentlig og markeret."
NOT_ELIGIBLE_TOO_OLD = "Ikke delt, da jobbet kørte: {reason}. “Del nu” på siden deler den alligevel."


def _not_eligible(reason: str) -> str:
    return (NOT_ELIGIBLE_TOO_OLD if reason.startswith("for gammel") else NOT_ELIGIBLE).format(reason=reason)


class _StopRun(Exception):
    pass


class _ClaimLost(Exception):
    """Our lease ran out and another run took the row over; it is that run's to post or reconcile."""


# Clock skew allowed between the database and Facebook when reading the feed for a post.
FEED_SINCE_MARGIN = dt.timedelta(minutes=10)


# --- the job -----------------------------------------------------------------


def facebook_publish_run(
    *,
    dry_run: bool = False,
    limit: int | None = None,
    only_page_id: int | None = None,
    on_item: Callable[[ItemResult], None] | None = None,
    config: FacebookConfig | None = None,
    transport: httpx.BaseTransport | None = None,
) -> RunReport:
    """Post every due item once. Raises FacebookNotConfiguredError, or CmsError before any post.

    `only_page_id` ("Del nu" on a page) handles that page alone, and reaches back to its
    first publication even when that lies outside the look-back window.
    """
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

    window_start = facebook_window_start(lookback_days=config.lookback_days)
    if only_page_id is not None:
        first = Page.objects.filter(pk=only_page_id).values_list("first_published_at", flat=True).first()
        if first is not None:
            window_start = min(window_start, first)

    def fetch(since: dt.datetime = window_start) -> CandidateList:
        answer = facebook_candidates_fetch(
            url=config.graphql_url,
            since=max(since, window_start),
            timeout=config.timeout,
            retry_base=config.retry_base,
            retry_cap=config.retry_cap,
        )
        if only_page_id is not None:
            # Only that page: the other candidates of a window reaching further back must not become due.
            answer.items[:] = [c for c in answer.items if c.page_id == only_page_id]
        return answer

    answer = fetch()
    if answer.problem:
        report.problems.append(answer.problem)
    if dry_run:
        _dry_run(config=config, answer=answer, limit=limit, emit=emit)
        return report
    try:
        _publish_due(
            config=config,
            answer=answer,
            fetch=fetch,
            limit=limit,
            emit=emit,
            report=report,
            transport=transport,
            only_page_id=only_page_id,
        )
    except Exception as error:  # the ledger itself could not be read or written: report what was done so far
        logger.exception("Facebook: kørslen stoppede ved en uventet fejl")
        report.stopped = f"Uventet fejl: {_describe(error)}"
    return report


def _publish_due(
    *,
    config: FacebookConfig,
    answer: CandidateList,
    fetch: Callable[..., CandidateList],
    limit: int | None,
    emit: Callable[[Outcome, str, str], None],
    report: RunReport,
    transport: httpx.BaseTransport | None,
    only_page_id: int | None = None,
) -> None:
    _ledger_add_candidates(candidates=answer.items)
    by_page = {candidate.page_id: candidate for candidate in answer.items}
    complete = answer.complete
    rows = _due_rows(config=config, order=list(by_page))
    if only_page_id is not None:
        rows = [row for row in rows if row.page_id == only_page_id]
    if complete and any(_skippable(row) and row.page_id not in by_page for row in rows):
        # A page published after the first answer may already have its row (written with the
        # publish): ask once more, after listing the rows, before calling any page "not due".
        again = fetch()
        complete = again.complete
        for candidate in again.items:
            by_page.setdefault(candidate.page_id, candidate)

    def recheck(candidate: Candidate) -> Candidate | None:
        """The candidate as the CMS sees it now; raises _Unconfirmed when a long answer leaves that open."""
        latest = fetch(since=candidate.first_published_at)
        found = next((c for c in latest.items if c.page_id == candidate.page_id), None)
        if found is None and not latest.complete:
            raise _Unconfirmed(latest.problem)
        return found

    with FacebookClient(
        base_url=config.graph_api_url,
        page_id=config.page_id,
        access_token=config.access_token,
        timeout=config.timeout,
        transport=transport,
    ) as client:
        publisher = _Publisher(config=config, client=client, emit=emit, recheck=recheck)
        reasons = (
            facebook_skip_reasons(
                page_ids=[row.page_id for row in rows if _skippable(row) and row.page_id not in by_page],
                lookback_days=config.lookback_days,
            )
            if complete
            else {}
        )
        handled = 0
        for row in rows:
            if limit is not None and handled >= limit:
                break
            candidate = by_page.get(row.page_id)
            if _skippable(row) and candidate is None:
                reason = reasons.get(row.page_id, "")
                if complete and _mark_skipped_if_waiting(row=row, reason=_not_eligible(reason)):
                    emit(Outcome.SKIPPED, row.page_title, reason)
                continue
            handled += 1
            try:
                publisher.handle(row=row, candidate=candidate)
            except _StopRun as stop:
                report.stopped = str(stop)
                break


def _skippable(row: SocialPost) -> bool:
    """Waiting with nothing possibly sent: may be skipped if its page is not a candidate."""
    return row.state == SocialPostState.WAITING and not row.needs_reconciliation


def _describe(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:200]}" if text else type(error).__name__


class _Unconfirmed(Exception):
    pass


def _dry_run(
    *, config: FacebookConfig, answer: CandidateList, limit: int | None, emit: Callable[[Outcome, str, str], None]
) -> None:
    """What a real run would do now, in its order and within its limit; writes nothing."""
    candidates = {candidate.page_id: candidate for candidate in answer.items}
    rows = {
        post.page_id: post
        for post in SocialPost.objects.filter(channel=SocialChannel.FACEBOOK, page_id__in=list(candidates))
    }
    handled = 0

    def room() -> bool:
        return limit is None or handled < limit

    listed: set[int | None] = set()
    due = _due_rows(config=config, order=list(candidates))
    reasons = (
        facebook_skip_reasons(
            page_ids=[row.page_id for row in due if _skippable(row) and row.page_id not in candidates],
            lookback_days=config.lookback_days,
        )
        if answer.complete
        else {}
    )
    for row in due:
        listed.add(row.page_id)
        candidate = candidates.get(row.page_id)
        if _skippable(row) and candidate is None:
            if answer.complete:
                emit(Outcome.WOULD_SKIP, row.page_title, reasons[row.page_id])
            continue
        if not room():
            return
        handled += 1
        if _skippable(row):
            emit(Outcome.WOULD_POST, candidate.title, f"{candidate.link}\n    {candidate.message!r}")
        else:
            emit(
                Outcome.WOULD_RECONCILE,
                candidate.title if candidate else row.page_title,
                "et tidligere forsøg kan være nået frem; Facebook-siden tjekkes før der evt. opslås",
            )
    for candidate in answer.items:
        if candidate.page_id in listed:
            continue
        row = rows.get(candidate.page_id)
        if row is None or row.state == SocialPostState.SKIPPED:
            if not room():
                return
            handled += 1
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
    ).update(state=SocialPostState.WAITING, last_error="", updated_at=Now())


def _lease_ran_out(config: FacebookConfig) -> ExpressionWrapper:
    """Claims made before this (on the database's clock) are stale."""
    return ExpressionWrapper(Now() - dt.timedelta(seconds=config.lease_seconds), output_field=DateTimeField())


def _stale_claim() -> Q:
    return Q(claimed_at__isnull=True) | Q(claimed_at__lt=F("lease_ran_out"))


def _due_rows(*, config: FacebookConfig, order: list[int]) -> list[SocialPost]:
    """Waiting rows, and rows left "posting" by a run whose lease ran out; those first, then oldest page first.

    A listing, not a decision: every row is read again when it is claimed.
    """
    rows = list(
        SocialPost.objects.filter(channel=SocialChannel.FACEBOOK)
        .alias(lease_ran_out=_lease_ran_out(config))
        .filter(Q(state=SocialPostState.WAITING) | (Q(state=SocialPostState.POSTING) & _stale_claim()))
    )
    position = {page_id: index for index, page_id in enumerate(order)}
    return sorted(rows, key=lambda row: (row.state == SocialPostState.WAITING, position.get(row.page_id, -1), row.pk))


def _mark_skipped_if_waiting(*, row: SocialPost, reason: str) -> bool:
    return bool(
        SocialPost.objects.filter(pk=row.pk, state=SocialPostState.WAITING, needs_reconciliation=False).update(
            state=SocialPostState.SKIPPED, last_error=reason, updated_at=Now()
        )
    )


class _Publisher:
    """Posts one claimed row at a time; every write is conditional on still holding the claim."""

    def __init__(
        self,
        *,
        config: FacebookConfig,
        client: FacebookClient,
        emit: Callable[[Outcome, str, str], None],
        recheck: Callable[[Candidate], Candidate | None],
    ):
        self.config = config
        self.client = client
        self.emit = emit
        self.recheck = recheck

    def handle(self, *, row: SocialPost, candidate: Candidate | None) -> None:
        claim = self._claim(row=row)
        if claim is None:
            self.emit(Outcome.SKIPPED, row.page_title, "en anden kørsel er i gang med den")
            return
        row, token, claimed_at = claim  # the row as it was in the database when we claimed it
        title = candidate.title if candidate else row.page_title
        self.uncertain = self.sent = False
        try:
            self._handle_claimed(row=row, token=token, claimed_at=claimed_at, candidate=candidate, title=title)
        except _StopRun:
            raise
        except _ClaimLost:
            logger.warning("Facebook: %s blev overtaget af en anden kørsel før opslaget", title)
            self.emit(Outcome.SKIPPED, title, "en anden kørsel overtog den")
        except Exception as error:
            # Not one of Facebook's answers: a bug, or the database. If anything was sent, the
            # next run checks the feed first; the rest of the run goes on.
            logger.exception("Facebook: uventet fejl for %s", title)
            message = f"Uventet fejl ({_describe(error)}). Der prøves igen ved næste kørsel."
            self.uncertain = self.uncertain or self.sent
            try:
                self._release(row=row, token=token, error=message)
            except Exception:
                logger.exception("Facebook: %s kunne ikke sættes til at vente igen; det sker når lejen udløber", title)
            self.emit(Outcome.FAILED, title, message)

    def _handle_claimed(
        self, *, row: SocialPost, token: str, claimed_at: dt.datetime, candidate: Candidate | None, title: str
    ) -> None:
        # Has a post for this row possibly reached Facebook without us hearing back?
        self.uncertain = row.state == SocialPostState.POSTING or row.needs_reconciliation
        self.sent_links = {row.link} if row.link else set()
        self.sent_messages = {row.message} if row.message else set()
        # The earliest a post for this row can have been sent: the row's creation if an earlier
        # run may have sent one (claims since then overwrote their times), else our claim.
        self.feed_since = (min(row.created_at, claimed_at) if self.uncertain else claimed_at) - FEED_SINCE_MARGIN
        if self.uncertain and row.claimed_at is not None:
            # The last send was no later than the last claim: let Facebook's feed catch up.
            wait = self.config.reconcile_delay - (claimed_at - row.claimed_at).total_seconds()
            if wait > 0:
                time.sleep(wait)
        if candidate is not None:
            # Ask the CMS again right before sending: the page may have been unpublished,
            # made private or unmarked since the run started, and its text may have changed.
            try:
                candidate = self.recheck(candidate)
            except CmsError as error:
                self._release(row=row, token=token, error=str(error))
                raise _StopRun(str(error)) from error
            except _Unconfirmed as error:
                self._release(row=row, token=token, error=str(error))
                self.emit(Outcome.SKIPPED, title, "kunne ikke bekræftes i CMS'et; venter til næste kørsel")
                return
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
            if error.code in THROTTLING_CODES:
                # Every further call now only deepens the limit: leave the rest waiting.
                raise _StopRun(
                    f"Facebook begrænser antallet af kald: {error.describe()}. "
                    "Resten venter og sendes ved næste kørsel."
                ) from error
            return
        if post_id is None:
            reason = facebook_skip_reasons(page_ids=[row.page_id], lookback_days=self.config.lookback_days)[row.page_id]
            self._finish(row=row, token=token, state=SocialPostState.SKIPPED, last_error=_not_eligible(reason))
            self.emit(Outcome.SKIPPED, title, reason)
            return
        self._finish(
            row=row,
            token=token,
            state=SocialPostState.POSTED,
            external_id=post_id,
            permalink=permalink(post_id),
            posted_at=Now(),
            last_error="",
        )
        self.emit(Outcome.POSTED, title, f"{post_id}" + (" (fundet på Facebook-siden)" if found else ""))

    def _post(self, *, row: SocialPost, token: str, candidate: Candidate | None) -> tuple[str | None, bool]:
        """(post id, found in the feed rather than posted); (None, False) when the page is no longer due."""
        last_error: GraphApiError | None = None
        for attempt in range(self.config.max_attempts):
            if attempt:
                delay = backoff_delay(attempt=attempt, base=self.config.retry_base, cap=self.config.retry_cap)
                if self.uncertain:
                    delay = max(delay, self.config.reconcile_delay)
                time.sleep(delay)
            try:
                if self.uncertain:
                    found = self._find()
                    if found is not None:
                        return found, True
                    self.uncertain = False
                if candidate is None:
                    return None, False
                self._before_send(row=row, token=token, candidate=candidate)
                self.sent = True
                return self.client.publish(message=candidate.message, link=candidate.link), False
            except TransientGraphError as error:
                self.uncertain = self.uncertain or error.may_have_posted
                last_error = error
                logger.warning("Facebook, forsøg %s for %s: %s", attempt + 1, row.page_title, error.describe())
        assert last_error is not None
        raise last_error

    def _find(self) -> str | None:
        post = self.client.find_post(links=self.sent_links, messages=self.sent_messages, since=self.feed_since)
        return post.id if post is not None else None

    def _claim(self, *, row: SocialPost) -> tuple[SocialPost, str, dt.datetime] | None:
        """(the row as it was when claimed, our token, our claim time on the database's clock), or None."""
        current = SocialPost.objects.filter(pk=row.pk).first()
        if current is None or current.state not in (SocialPostState.WAITING, SocialPostState.POSTING):
            return None
        # Claim only the row as just read: any change in between (another run claimed it, or
        # put it back with "check the feed first") makes the UPDATE miss.
        rows = SocialPost.objects.filter(
            pk=current.pk,
            state=current.state,
            claim_token=current.claim_token,
            needs_reconciliation=current.needs_reconciliation,
            attempts=current.attempts,
        )
        if current.state == SocialPostState.POSTING:
            # Take over only a claim whose lease has run out, not a fresh one.
            rows = rows.alias(lease_ran_out=_lease_ran_out(self.config)).filter(_stale_claim())
        token = uuid.uuid4().hex
        if rows.update(state=SocialPostState.POSTING, claim_token=token, claimed_at=Now(), updated_at=Now()) != 1:
            return None
        claimed_at = SocialPost.objects.filter(pk=current.pk).values_list("claimed_at", flat=True).get()
        return current, token, claimed_at

    def _before_send(self, *, row: SocialPost, token: str, candidate: Candidate) -> None:
        """Record what is about to be sent (so a later run can look for it) and renew the lease; raises _ClaimLost."""
        updated = SocialPost.objects.filter(pk=row.pk, state=SocialPostState.POSTING, claim_token=token).update(
            page_title=candidate.title,
            message=candidate.message,
            link=candidate.link,
            revision_id=candidate.revision_id,
            attempts=F("attempts") + 1,
            claimed_at=Now(),
            updated_at=Now(),
        )
        if updated != 1:
            raise _ClaimLost()
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
            state=state, claim_token="", updated_at=Now(), **fields
        )
        if not updated:
            # Our lease ran out and another run took the row over; it reconciles on its own.
            logger.warning("Facebook: %s blev overtaget af en anden kørsel", row.page_title)
