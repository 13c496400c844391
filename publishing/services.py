"""The Facebook publisher's job: claims, posts and reconciles with the feed (the editor side is in `publishing.queueing`).

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
- Leases are measured on the database's clock (`publishing.lease`), not the clocks of
  the hosts running jobs, and a run that has lost its claim (lease ran out, another run
  took over) does not post.

The run (`PublishRun`) decides which rows are due; each claimed row is one
`publishing.attempt.PostAttempt`; the ledger's reads and writes are in
`publishing.ledger`.
"""

import datetime as dt
import logging
from collections.abc import Callable

import httpx
from wagtail.models import Page

from . import ledger
from .attempt import PostAttempt, StopRun, Unconfirmed, describe
from .cms_api import Candidate, CandidateList, facebook_candidates_fetch
from .config import FacebookConfig, FacebookNotConfiguredError
from .dry_run import facebook_dry_run
from .facebook import FacebookClient
from .models import SocialPost
from .report import ItemResult, Outcome, RunReport
from .status import facebook_skip_reasons, facebook_window_start

logger = logging.getLogger(__name__)


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
    run = PublishRun(config=config, report=RunReport(dry_run=dry_run), on_item=on_item, only_page_id=only_page_id)
    answer = run.fetch()
    if answer.problem:
        run.report.problems.append(answer.problem)
    if dry_run:
        facebook_dry_run(config=config, answer=answer, limit=limit, emit=run.emit)
        return run.report
    try:
        run.publish_due(answer=answer, limit=limit, transport=transport)
    except Exception as error:  # the ledger itself could not be read or written: report what was done so far
        logger.exception("Facebook: kørslen stoppede ved en uventet fejl")
        run.report.stopped = f"Uventet fejl: {describe(error)}"
    return run.report


class PublishRun:
    """One run of the publisher: what it asks the CMS, which rows it handles, and its report."""

    def __init__(
        self,
        *,
        config: FacebookConfig,
        report: RunReport,
        on_item: Callable[[ItemResult], None] | None,
        only_page_id: int | None,
    ):
        self.config = config
        self.report = report
        self.on_item = on_item
        self.only_page_id = only_page_id
        self.window_start = self._window_start()

    def _window_start(self) -> dt.datetime:
        start = facebook_window_start(lookback_days=self.config.lookback_days)
        if self.only_page_id is not None:
            first = Page.objects.filter(pk=self.only_page_id).values_list("first_published_at", flat=True).first()
            if first is not None:
                start = min(start, first)
        return start

    def emit(self, outcome: Outcome, title: str, detail: str) -> None:
        item = ItemResult(outcome=outcome, title=title, detail=detail)
        self.report.items.append(item)
        if self.on_item:
            self.on_item(item)

    def fetch(self, *, since: dt.datetime | None = None) -> CandidateList:
        answer = facebook_candidates_fetch(
            url=self.config.graphql_url,
            since=self.window_start if since is None else max(since, self.window_start),
            timeout=self.config.timeout,
            retry_base=self.config.retry_base,
            retry_cap=self.config.retry_cap,
        )
        if self.only_page_id is not None:
            # Only that page: the other candidates of a window reaching further back must not become due.
            answer.items[:] = [c for c in answer.items if c.page_id == self.only_page_id]
        return answer

    def recheck(self, candidate: Candidate) -> Candidate | None:
        """The candidate as the CMS sees it now; raises Unconfirmed when a long answer leaves that open."""
        latest = self.fetch(since=candidate.first_published_at)
        found = next((c for c in latest.items if c.page_id == candidate.page_id), None)
        if found is None and not latest.complete:
            raise Unconfirmed(latest.problem)
        return found

    def publish_due(self, *, answer: CandidateList, limit: int | None, transport: httpx.BaseTransport | None) -> None:
        ledger.add_candidates(candidates=answer.items)
        by_page = {candidate.page_id: candidate for candidate in answer.items}
        rows = ledger.due_rows(lease_seconds=self.config.lease_seconds, order=list(by_page))
        if self.only_page_id is not None:
            rows = [row for row in rows if row.page_id == self.only_page_id]
        complete = answer.complete
        if complete and any(ledger.skippable(row) and row.page_id not in by_page for row in rows):
            # A page published after the first answer may already have its row (written with the
            # publish): ask once more, after listing the rows, before calling any page "not due".
            again = self.fetch()
            complete = again.complete
            for candidate in again.items:
                by_page.setdefault(candidate.page_id, candidate)
        with FacebookClient(
            base_url=self.config.graph_api_url,
            page_id=self.config.page_id,
            access_token=self.config.access_token,
            timeout=self.config.timeout,
            transport=transport,
        ) as client:
            self._handle_rows(client=client, rows=rows, by_page=by_page, complete=complete, limit=limit)

    def _handle_rows(
        self,
        *,
        client: FacebookClient,
        rows: list[SocialPost],
        by_page: dict[int, Candidate],
        complete: bool,
        limit: int | None,
    ) -> None:
        """Post the due rows in order; skip, when the CMS's answer was complete, rows whose page is no candidate."""
        not_candidates = [row.page_id for row in rows if ledger.skippable(row) and row.page_id not in by_page]
        reasons = (
            facebook_skip_reasons(page_ids=not_candidates, lookback_days=self.config.lookback_days) if complete else {}
        )
        handled = 0
        for row in rows:
            if limit is not None and handled >= limit:
                break
            candidate = by_page.get(row.page_id)
            if ledger.skippable(row) and candidate is None:
                reason = reasons.get(row.page_id, "")
                if complete and ledger.mark_skipped_if_waiting(row=row, reason=ledger.not_eligible(reason)):
                    self.emit(Outcome.SKIPPED, row.page_title, reason)
                continue
            handled += 1
            try:
                self._handle(client=client, row=row, candidate=candidate)
            except StopRun as stop:
                self.report.stopped = str(stop)
                break

    def _handle(self, *, client: FacebookClient, row: SocialPost, candidate: Candidate | None) -> None:
        claim = ledger.claim(row=row, lease_seconds=self.config.lease_seconds)
        if claim is None:
            self.emit(Outcome.SKIPPED, row.page_title, "en anden kørsel er i gang med den")
            return
        PostAttempt(run=self, client=client, claim=claim, candidate=candidate).run_once()
