"""The Facebook publisher's dry run: what a real run would do now, in its order and within its limit; writes nothing."""

from collections.abc import Callable

from . import ledger
from .cms_api import CandidateList
from .config import FacebookConfig
from .models import SocialChannel, SocialPost, SocialPostState
from .report import Outcome
from .status import facebook_skip_reasons

Emit = Callable[[Outcome, str, str], None]


def facebook_dry_run(*, config: FacebookConfig, answer: CandidateList, limit: int | None, emit: Emit) -> None:
    candidates = {candidate.page_id: candidate for candidate in answer.items}
    rows = {
        post.page_id: post
        for post in SocialPost.objects.filter(channel=SocialChannel.FACEBOOK, page_id__in=list(candidates))
    }
    due = ledger.due_rows(lease_seconds=config.lease_seconds, order=list(candidates))
    reasons = (
        facebook_skip_reasons(
            page_ids=[row.page_id for row in due if ledger.skippable(row) and row.page_id not in candidates],
            lookback_days=config.lookback_days,
        )
        if answer.complete
        else {}
    )
    handled = 0
    for row in due:
        candidate = candidates.get(row.page_id)
        if ledger.skippable(row) and candidate is None:
            if answer.complete:
                emit(Outcome.WOULD_SKIP, row.page_title, reasons[row.page_id])
            continue
        if limit is not None and handled >= limit:
            return
        handled += 1
        if ledger.skippable(row):
            emit(Outcome.WOULD_POST, candidate.title, f"{candidate.link}\n    {candidate.message!r}")
        else:
            emit(
                Outcome.WOULD_RECONCILE,
                candidate.title if candidate else row.page_title,
                "et tidligere forsøg kan være nået frem; Facebook-siden tjekkes før der evt. opslås",
            )
    room = None if limit is None else limit - handled
    _not_due(answer=answer, rows=rows, due={row.page_id for row in due}, room=room, emit=emit)


def _not_due(
    *, answer: CandidateList, rows: dict[int, SocialPost], due: set[int], room: int | None, emit: Emit
) -> None:
    """The candidates without a due row: new ones would be posted, the rest are reported as they are."""
    for candidate in answer.items:
        if candidate.page_id in due:
            continue
        row = rows.get(candidate.page_id)
        if row is None or row.state == SocialPostState.SKIPPED:
            if room is not None and room <= 0:
                return
            if room is not None:
                room -= 1
            emit(Outcome.WOULD_POST, candidate.title, f"{candidate.link}\n    {candidate.message!r}")
        elif row.state != SocialPostState.POSTED:
            emit(Outcome.SKIPPED, candidate.title, row.get_state_display().lower())
