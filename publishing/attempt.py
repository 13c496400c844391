"""One attempt at posting one claimed ledger row to Facebook, at most once in effect.

Before any retry after an answer that was lost, and before posting a row an earlier run
may have sent, the page's feed is read: a post found there is recorded, not sent again.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import TYPE_CHECKING

from django.db.models.functions import Now

from . import ledger
from .backoff import backoff_delay
from .cms_api import Candidate
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
from .models import SocialPostState
from .report import Outcome
from .status import facebook_skip_reasons

if TYPE_CHECKING:
    from .services import PublishRun

logger = logging.getLogger(__name__)

# Clock skew allowed between the database and Facebook when reading the feed for a post.
FEED_SINCE_MARGIN = dt.timedelta(minutes=10)


class StopRun(Exception):
    """The rest of the run would fail the same way (an invalid token, throttling, the CMS gone)."""


class ClaimLost(Exception):
    """Our lease ran out and another run took the row over; it is that run's to post or reconcile."""


class Unconfirmed(Exception):
    """The CMS's answer was too long to say whether the page is still a candidate."""


def describe(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0][:200]}" if text else type(error).__name__


class PostAttempt:
    """Posts one claimed row; every write is conditional on still holding the claim."""

    def __init__(self, *, run: PublishRun, client: FacebookClient, claim: ledger.Claim, candidate: Candidate | None):
        self.run = run
        self.config = run.config
        self.client = client
        self.claim = claim
        self.row = claim.row  # the row as it was in the database when we claimed it
        self.candidate = candidate
        self.title = candidate.title if candidate else self.row.page_title
        # Has a post for this row possibly reached Facebook without us hearing back?
        self.uncertain = self.row.state == SocialPostState.POSTING or self.row.needs_reconciliation
        self.sent = False
        self.sent_links = {self.row.link} if self.row.link else set()
        self.sent_messages = {self.row.message} if self.row.message else set()
        # The earliest a post for this row can have been sent: the row's creation if an earlier
        # run may have sent one (claims since then overwrote their times), else our claim.
        earliest = min(self.row.created_at, claim.claimed_at) if self.uncertain else claim.claimed_at
        self.feed_since = earliest - FEED_SINCE_MARGIN

    def run_once(self) -> None:
        """Post, record and report the row; raises StopRun when the rest of the run must wait."""
        try:
            self._wait_for_feed()
            if self._confirmed():
                self._post_and_record()
        except StopRun:
            raise
        except ClaimLost:
            logger.warning("Facebook: %s blev overtaget af en anden kørsel før opslaget", self.title)
            self.run.emit(Outcome.SKIPPED, self.title, "en anden kørsel overtog den")
        except Exception as error:
            # Not one of Facebook's answers: a bug, or the database. If anything was sent, the
            # next run checks the feed first; the rest of the run goes on.
            logger.exception("Facebook: uventet fejl for %s", self.title)
            message = f"Uventet fejl ({describe(error)}). Der prøves igen ved næste kørsel."
            self.uncertain = self.uncertain or self.sent
            try:
                self._release(error=message)
            except Exception:
                logger.exception(
                    "Facebook: %s kunne ikke sættes til at vente igen; det sker når lejen udløber", self.title
                )
            self.run.emit(Outcome.FAILED, self.title, message)

    def _wait_for_feed(self) -> None:
        """The last send was no later than the last claim: let Facebook's feed catch up before reading it."""
        if self.uncertain and self.row.claimed_at is not None:
            wait = self.config.reconcile_delay - (self.claim.claimed_at - self.row.claimed_at).total_seconds()
            if wait > 0:
                time.sleep(wait)

    def _confirmed(self) -> bool:
        """Ask the CMS again right before sending: the page may have been unpublished, made
        private or unmarked since the run started, and its text may have changed."""
        if self.candidate is None:
            return True
        try:
            self.candidate = self.run.recheck(self.candidate)
        except CmsError as error:
            self._release(error=str(error))
            raise StopRun(str(error)) from error
        except Unconfirmed as error:
            self._release(error=str(error))
            self.run.emit(Outcome.SKIPPED, self.title, "kunne ikke bekræftes i CMS'et; venter til næste kørsel")
            return False
        return True

    def _post_and_record(self) -> None:
        try:
            post_id, found = self._post()
        except TokenInvalidError as error:
            message = f"Facebook afviste adgangsnøglen: {error.describe()}"
            self._release(error=message)
            raise StopRun(
                f"{message}. Forny FACEBOOK_PAGE_ACCESS_TOKEN; alle opslag venter stadig og sendes ved næste kørsel."
            ) from error
        except RefusedError as error:
            message = f"Facebook afviste opslaget: {error.describe()}"
            self._finish(state=SocialPostState.FAILED, last_error=message)
            self.run.emit(Outcome.FAILED, self.title, message)
            return
        except TransientGraphError as error:
            self._gave_up(error)
            return
        if post_id is None:
            reason = facebook_skip_reasons(page_ids=[self.row.page_id], lookback_days=self.config.lookback_days)[
                self.row.page_id
            ]
            self._finish(state=SocialPostState.SKIPPED, last_error=ledger.not_eligible(reason))
            self.run.emit(Outcome.SKIPPED, self.title, reason)
            return
        self._finish(
            state=SocialPostState.POSTED,
            external_id=post_id,
            permalink=permalink(post_id),
            posted_at=Now(),
            last_error="",
        )
        self.run.emit(Outcome.POSTED, self.title, f"{post_id}" + (" (fundet på Facebook-siden)" if found else ""))

    def _gave_up(self, error: TransientGraphError) -> None:
        message = (
            f"Facebook svarede ikke efter {self.config.max_attempts} forsøg: {error.describe()}. "
            "Der prøves igen ved næste kørsel."
        )
        self._release(error=message)
        self.run.emit(Outcome.FAILED, self.title, message)
        if error.code in THROTTLING_CODES:
            # Every further call now only deepens the limit: leave the rest waiting.
            raise StopRun(
                f"Facebook begrænser antallet af kald: {error.describe()}. Resten venter og sendes ved næste kørsel."
            ) from error

    def _post(self) -> tuple[str | None, bool]:
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
                if self.candidate is None:
                    return None, False
                self._before_send()
                self.sent = True
                return self.client.publish(message=self.candidate.message, link=self.candidate.link), False
            except TransientGraphError as error:
                self.uncertain = self.uncertain or error.may_have_posted
                last_error = error
                logger.warning("Facebook, forsøg %s for %s: %s", attempt + 1, self.row.page_title, error.describe())
        assert last_error is not None
        raise last_error

    def _find(self) -> str | None:
        post = self.client.find_post(links=self.sent_links, messages=self.sent_messages, since=self.feed_since)
        return post.id if post is not None else None

    def _before_send(self) -> None:
        """Record what is about to be sent and renew the lease; raises ClaimLost."""
        if not ledger.record_send(claim=self.claim, candidate=self.candidate):
            raise ClaimLost()
        self.sent_links.add(self.candidate.link)
        self.sent_messages.add(self.candidate.message)

    def _release(self, *, error: str) -> None:
        """Back to waiting; if a post may have gone out, the next run checks the feed first."""
        self._finish(state=SocialPostState.WAITING, last_error=error, needs_reconciliation=self.uncertain)

    def _finish(self, *, state: SocialPostState, **fields) -> None:
        fields.setdefault("needs_reconciliation", self.uncertain if state == SocialPostState.FAILED else False)
        if not ledger.finish(claim=self.claim, state=state, **fields):
            # Our lease ran out and another run took the row over; it reconciles on its own.
            logger.warning("Facebook: %s blev overtaget af en anden kørsel", self.row.page_title)
