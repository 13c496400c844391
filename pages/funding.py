"""How a plan period's funding adds up: the rule the API and any report must share.

Funding lines record amounts as they develop (granted, then spent, then an
extension). The total counts each funder's line of each funding type once, at its
latest known stage, so a grant that was later extended is not counted twice.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from .choices import LOCAL_FUNDING_TYPES, AmountKind

# Later stages replace earlier ones for the same funder and funding type.
STAGE_RANK = {AmountKind.GRANTED: 1, AmountKind.SPENT: 2, AmountKind.EXTENDED: 3}


@dataclass(frozen=True)
class FundingTotals:
    total_dkk: int | None  # None when nothing is known
    local_dkk: int

    @property
    def local_share(self) -> float | None:
        return round(self.local_dkk / self.total_dkk, 4) if self.total_dkk else None


def funding_totals(*, lines: Iterable) -> FundingTotals:
    """Totals over live lines with an amount; lines without a funder are told apart by their note."""
    latest: dict[tuple, int] = {}
    ranks: dict[tuple, int] = {}
    for line in lines:
        if not line.live or line.amount_dkk is None or line.amount_kind not in STAGE_RANK:
            continue
        key = (line.funder_id, line.funding_type, line.note if line.funder_id is None else "")
        rank = STAGE_RANK[line.amount_kind]
        if rank >= ranks.get(key, 0):
            ranks[key], latest[key] = rank, line.amount_dkk
    if not latest:
        return FundingTotals(total_dkk=None, local_dkk=0)
    local = sum(amount for (_, funding_type, _), amount in latest.items() if funding_type in LOCAL_FUNDING_TYPES)
    return FundingTotals(total_dkk=sum(latest.values()), local_dkk=local)
