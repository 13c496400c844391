"""Mistakes editors make in snippets (funding lines, contact points, target groups), and the Danish message.

As in test_validation.py: the real Wagtail form is posted as a logged-in superuser,
the message must be on the right field and in the HTML, and nothing is saved; a valid
twin of each form is posted too.
"""

import datetime
from html import escape

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from organisations.models import ContactPoint, OpeningHours, TargetGroup
from pages.choices import FundingType
from pages.models import FundingLine
from tests.factories import (
    FundingLineFactory,
    OrganisationFactory,
    PlanPeriodPageFactory,
    TargetGroupFactory,
)

from .admin_forms import (
    AGE_INVERTED,
    CLOSES_BEFORE_OPENS,
    NEGATIVE_AMOUNT,
    NO_PERIOD_OR_ACTIVITY,
    add_snippet_url,
    assert_refused,
    editor,
)

__all__ = ["editor"]  # the fixture, used by name


# --- snippets --------------------------------------------------------------


def funding_line_data(**overrides):
    data = {
        "plan_period": "",
        "activity": "",
        "funder": "",
        "funding_type": FundingType.LBF_GRANT,
        "amount_dkk": "7000000",
        "amount_kind": "bevilget",
        "programme": "",
        "start_date": "",
        "end_date": "",
        "decision_body": "",
        "decision_date": "",
        "note": "",
        "source_url": "",
        "sort_order": "0",
    }
    data.update(overrides)
    return data


@pytest.fixture
def funding_refs(site_tree):
    return {
        "plan_period": PlanPeriodPageFactory(parent=site_tree["plans"]).pk,
        "funder": OrganisationFactory(name="Landsbyggefonden", kind="fond").pk,
    }


def test_funding_line_with_valid_amount_is_saved(editor, funding_refs):
    response = editor.post(add_snippet_url(FundingLine), funding_line_data(**funding_refs))

    assert response.status_code == 302
    assert FundingLine.objects.get().amount_dkk == 7_000_000


def test_funding_line_with_negative_amount_is_refused(editor, funding_refs):
    response = editor.post(add_snippet_url(FundingLine), funding_line_data(amount_dkk="-5000", **funding_refs))

    assert_refused(response, "amount_dkk", NEGATIVE_AMOUNT)
    assert not FundingLine.objects.exists()


def test_funding_line_for_neither_period_nor_activity_is_refused(editor, funding_refs):
    response = editor.post(add_snippet_url(FundingLine), funding_line_data(funder=funding_refs["funder"]))

    assert_refused(response, None, NO_PERIOD_OR_ACTIVITY)
    assert not FundingLine.objects.exists()


def test_funding_line_model_refuses_negative_amount_and_missing_target(site_tree):
    line = FundingLineFactory.build(
        funder=OrganisationFactory(), plan_period=None, activity=None, amount_dkk=-1, funding_type="fond"
    )

    with pytest.raises(ValidationError) as excinfo:
        line.full_clean()

    assert excinfo.value.message_dict["amount_dkk"] == [NEGATIVE_AMOUNT]
    assert excinfo.value.message_dict["__all__"] == [NO_PERIOD_OR_ACTIVITY]


def contact_point_data(opening_hours):
    return nested_form_data(
        {
            "name": "Bysekretariatet",
            "address": "Nørrebrogade 1, 8900 Randers",
            "phone": "",
            "email": "",
            "place": "",
            "opening_hours": inline_formset(opening_hours),
        }
    )


def test_contact_point_with_valid_opening_hours_is_saved(editor, db):
    hours = [{"weekday": "1", "opens": "09:00", "closes": "15:00", "note": ""}]

    response = editor.post(add_snippet_url(ContactPoint), contact_point_data(hours))

    assert response.status_code == 302
    assert OpeningHours.objects.get().closes == datetime.time(15, 0)


@pytest.mark.parametrize(
    ("closes", "message"),
    [("08:00", CLOSES_BEFORE_OPENS), ("09:00", CLOSES_BEFORE_OPENS)],
    ids=["before", "same-time"],
)
def test_opening_hours_closing_before_opening_are_refused(editor, db, closes, message):
    hours = [{"weekday": "1", "opens": "09:00", "closes": closes, "note": ""}]

    response = editor.post(add_snippet_url(ContactPoint), contact_point_data(hours))

    assert response.status_code == 200
    row = response.context["form"].formsets["opening_hours"].forms[0]
    assert row.errors["closes"] == [message]
    assert escape(message) in response.content.decode()
    assert not ContactPoint.objects.exists()
    assert not OpeningHours.objects.exists()


def test_target_group_with_inverted_age_range_is_refused(editor, db):
    data = {"name": "Unge", "age_min": "18", "age_max": "13", "description": ""}

    response = editor.post(add_snippet_url(TargetGroup), data)

    assert_refused(response, "age_max", AGE_INVERTED)
    assert not TargetGroup.objects.exists()


def test_target_group_with_valid_age_range_is_saved(editor, db):
    data = {"name": "Unge", "age_min": "13", "age_max": "18", "description": ""}

    response = editor.post(add_snippet_url(TargetGroup), data)

    assert response.status_code == 302
    assert TargetGroup.objects.get().age_max == 18


def test_target_group_model_refuses_inverted_age_range(db):
    group = TargetGroupFactory.build(age_min=18, age_max=13)

    with pytest.raises(ValidationError) as excinfo:
        group.full_clean()

    assert excinfo.value.message_dict == {"age_max": [AGE_INVERTED]}
