"""The Facebook ledger (`SocialPost`): which rows are due, and every conditional write the publisher makes.

Each write that acts on a claimed row is conditional on still holding the claim (the
row's `claim_token`), so a run whose lease ran out and was taken over changes nothing.
"""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.db.models import F, Q
from django.db.models.functions import Now
from wagtail.models import Page

from . import lease
from .cms_api import Candidate
from .models import SocialChannel, SocialPost, SocialPostState

NOT_ELIGIBLE = "Ikke delt, da jobbet kørte: {reason}. Den deles, hvis den igen bliver offentlig og markeret."
NOT_ELIGIBLE_TOO_OLD = "Ikke delt, da jobbet kørte: {reason}. “Del nu” på siden deler den alligevel."

LEASE_FIELD = "claimed_at"


def not_eligible(reason: str) -> str:
    return (NOT_ELIGIBLE_TOO_OLD if reason.startswith("for gammel") else NOT_ELIGIBLE).format(reason=reason)


@dataclass(frozen=True)
class Claim:
    row: SocialPost  # as it was in the database when claimed
    token: str
    claimed_at: dt.datetime  # on the database's clock


def skippable(row: SocialPost) -> bool:
    """Waiting with nothing possibly sent: may be skipped if its page is not a candidate."""
    return row.state == SocialPostState.WAITING and not row.needs_reconciliation


def add_candidates(*, candidates: list[Candidate]) -> None:
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


def due_rows(*, lease_seconds: float, order: list[int]) -> list[SocialPost]:
    """Waiting rows, and rows left "posting" by a run whose lease ran out; those first, then oldest page first.

    A listing, not a decision: every row is read again when it is claimed.
    """
    rows = list(
        SocialPost.objects.filter(channel=SocialChannel.FACEBOOK).filter(
            Q(state=SocialPostState.WAITING)
            | (Q(state=SocialPostState.POSTING) & lease.free(field=LEASE_FIELD, seconds=lease_seconds))
        )
    )
    position = {page_id: index for index, page_id in enumerate(order)}
    return sorted(rows, key=lambda row: (row.state == SocialPostState.WAITING, position.get(row.page_id, -1), row.pk))


def mark_skipped_if_waiting(*, row: SocialPost, reason: str) -> bool:
    return bool(
        SocialPost.objects.filter(pk=row.pk, state=SocialPostState.WAITING, needs_reconciliation=False).update(
            state=SocialPostState.SKIPPED, last_error=reason, updated_at=Now()
        )
    )


def claim(*, row: SocialPost, lease_seconds: float) -> Claim | None:
    """Claim the row for this run, or None if it is not ours to take."""
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
    token = uuid.uuid4().hex
    # Take over a row left "posting" only once its claim's lease has run out, not a fresh one.
    seconds = lease_seconds if current.state == SocialPostState.POSTING else None
    taken = lease.claim(
        rows, field=LEASE_FIELD, seconds=seconds, state=SocialPostState.POSTING, claim_token=token, updated_at=Now()
    )
    if taken != 1:
        return None
    claimed_at = SocialPost.objects.filter(pk=current.pk).values_list(LEASE_FIELD, flat=True).get()
    return Claim(row=current, token=token, claimed_at=claimed_at)


def record_send(*, claim: Claim, candidate: Candidate) -> bool:
    """Record what is about to be sent (so a later run can look for it) and renew the lease; False if lost."""
    rows = SocialPost.objects.filter(pk=claim.row.pk, state=SocialPostState.POSTING, claim_token=claim.token)
    renewed = lease.renew(
        rows,
        field=LEASE_FIELD,
        page_title=candidate.title,
        message=candidate.message,
        link=candidate.link,
        revision_id=candidate.revision_id,
        attempts=F("attempts") + 1,
        updated_at=Now(),
    )
    return renewed == 1


def finish(*, claim: Claim, state: SocialPostState, **fields) -> bool:
    """Leave the row in `state` and give up the claim; False if another run has taken it over."""
    updated = SocialPost.objects.filter(pk=claim.row.pk, claim_token=claim.token).update(
        state=state, claim_token="", updated_at=Now(), **fields
    )
    return bool(updated)
