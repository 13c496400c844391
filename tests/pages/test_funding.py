"""The funding rule: each funder's line of each type counts once, at its latest stage."""

from types import SimpleNamespace

from pages.choices import AmountKind, FundingType
from pages.funding import funding_totals


def line(amount, kind=AmountKind.GRANTED, funding_type=FundingType.LBF_GRANT, funder_id=1, live=True, note=""):
    return SimpleNamespace(
        amount_dkk=amount, amount_kind=kind, funding_type=funding_type, funder_id=funder_id, live=live, note=note
    )


def test_an_extension_replaces_the_grant_it_extends():
    totals = funding_totals(lines=[line(16_100_000), line(21_300_000, AmountKind.EXTENDED)])

    assert totals.total_dkk == 21_300_000


def test_local_cofinancing_without_a_funder_is_counted_and_its_share_given():
    totals = funding_totals(
        lines=[
            line(21_300_000, AmountKind.EXTENDED),
            line(7_000_000, funding_type=FundingType.LOCAL_COFINANCING, funder_id=None, note="kommune og boligorg."),
        ]
    )

    assert (totals.total_dkk, totals.local_dkk, totals.local_share) == (28_300_000, 7_000_000, 0.2473)


def test_drafts_and_lines_without_an_amount_do_not_count():
    totals = funding_totals(lines=[line(5, live=False), line(None)])

    assert (totals.total_dkk, totals.local_share) == (None, None)
