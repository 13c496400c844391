"""A period's status follows from its dates and a given day; nothing is stored by hand."""

import datetime as dt

import pytest

from pages.choices import PeriodStatus
from pages.periods import period_status
from pages.selectors import plan_period_current
from pages.visibility import Visibility

START, END = dt.date(2021, 1, 1), dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2020, 12, 31), PeriodStatus.UPCOMING),
        (dt.date(2021, 1, 1), PeriodStatus.IN_FORCE),  # the first day counts
        (dt.date(2023, 6, 1), PeriodStatus.IN_FORCE),
        (dt.date(2025, 12, 31), PeriodStatus.IN_FORCE),  # and the last
        (dt.date(2026, 1, 1), PeriodStatus.ENDED),
        (dt.date(2026, 12, 4), PeriodStatus.ENDED),
    ],
)
def test_status_from_the_dates(today, expected):
    assert period_status(start_date=START, end_date=END, today=today) == expected


def test_open_ended_and_undated_periods():
    assert period_status(start_date=START, end_date=None, today=dt.date(2040, 1, 1)) == PeriodStatus.IN_FORCE
    assert period_status(start_date=None, end_date=END, today=dt.date(2023, 1, 1)) == PeriodStatus.UNDATED


@pytest.mark.django_db
def test_on_2026_12_04_no_period_is_in_force_and_the_current_one_has_ended(demo):
    today = dt.date(2026, 12, 4)
    period = plan_period_current(visibility=Visibility(), today=today, include=())
    assert period.slug == "helhedsplanen-2021-2025"
    assert period_status(start_date=period.start_date, end_date=period.end_date, today=today) == PeriodStatus.ENDED


@pytest.mark.django_db
def test_in_2023_the_current_period_is_in_force(demo):
    today = dt.date(2023, 3, 1)
    period = plan_period_current(visibility=Visibility(), today=today, include=())
    assert period.slug == "helhedsplanen-2021-2025"
    assert period_status(start_date=period.start_date, end_date=period.end_date, today=today) == PeriodStatus.IN_FORCE


@pytest.mark.django_db
def test_the_api_judges_every_period_on_todays_danish_date(client, demo):
    """Through /graphql/: 2009-13 … 2021-25 have all ended (today is after 2025)."""
    import json

    response = client.post(
        "/graphql/",
        json.dumps({"query": "{ planPeriods { slug status statusLabel approvalStage } }"}),
        content_type="application/json",
    )
    periods = response.json()["data"]["planPeriods"]
    assert {(p["status"], p["statusLabel"], p["approvalStage"]) for p in periods} == {
        ("ENDED", "Afsluttet", "APPROVED")
    }
