"""Mistakes editors make, and the Danish message the admin shows them instead of saving.

Most tests post the real Wagtail create/edit form as a logged-in superuser and check
that (1) the form comes back with the message on the right field, (2) the message is
in the HTML the editor sees, and (3) nothing was saved. A valid twin of each form is
posted too, so a failing test cannot hide behind some other, unrelated form error.
"""

import datetime
from html import escape

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from organisations.models import ContactPoint, OpeningHours, TargetGroup
from pages.choices import FundingType
from pages.models import ActivityPage, EventPage, FundingLine, NewsPage, PlanPeriodHousingArea, PlanPeriodPage
from tests.factories import (
    ActivityPageFactory,
    FundingLineFactory,
    HousingAreaPageFactory,
    OrganisationFactory,
    PlanPeriodHousingAreaFactory,
    PlanPeriodPageFactory,
    SuperuserFactory,
    TargetGroupFactory,
)

END_BEFORE_START = "Slutdatoen skal ligge efter startdatoen."
NEGATIVE_AMOUNT = "Beløbet kan ikke være negativt."
NO_PERIOD_OR_ACTIVITY = "Vælg den helhedsplanperiode eller den aktivitet, som finansieringen gælder for."
AREA_TWICE = "kan kun dækkes én gang pr. periode"
EVENT_ENDS_BEFORE_START = "Sluttidspunktet skal ligge efter starttidspunktet."
CLOSES_BEFORE_OPENS = "Lukketiden skal ligge efter åbningstiden."
AGE_INVERTED = "'Alder til' skal være større end eller lig med 'alder fra'."
FACEBOOK_TOO_LONG = "Denne værdi må højst have 500 tegn (den har 501)."
VIDEO_NOT_HTTPS = "Linket skal begynde med https://"


@pytest.fixture
def editor(client, db):
    client.force_login(SuperuserFactory())
    return client


def add_page_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def add_snippet_url(model):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:add")


def assert_refused(response, field, message):
    """The form is shown again with `message` on `field` (None: above the form), and only there."""
    assert response.status_code == 200, "expected the form back with errors, not a redirect after saving"
    form = response.context["form"]
    errors = form.errors.get(field or "__all__", [])
    assert any(message in error for error in errors), f"{message!r} not in {field} errors: {form.errors!r}"
    assert set(form.errors) <= {field or "__all__", "__all__"}, f"unrelated errors: {form.errors!r}"
    assert escape(message) in response.content.decode(), "the message is not shown to the editor"


# --- pages -----------------------------------------------------------------


def plan_period_data(**overrides):
    data = {
        "title": "Helhedsplan 2027-2030",
        "slug": "helhedsplan-2027-2030",
        "motto": "",
        "start_date": "2027-01-01",
        "end_date": "2030-12-31",
        "date_precision": "day",
        "approval_stage": "planlagt",
        "lbf_funding_generation": "",
        "intro": rich_text(""),
        "body": streamfield([]),
        "plan_document": "",
        "housing_area_coverage": inline_formset([]),
        "approvals": inline_formset([]),
        "teaser": "",
        "listing_image": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_plan_period_with_valid_dates_is_created(editor, site_tree):
    response = editor.post(add_page_url(PlanPeriodPage, site_tree["plans"]), plan_period_data())

    assert response.status_code == 302
    assert PlanPeriodPage.objects.get().end_date == datetime.date(2030, 12, 31)


@pytest.mark.parametrize("end_date", ["2026-12-31", "2027-01-01"], ids=["before", "same-day"])
def test_plan_period_ending_before_or_on_its_start_is_refused(editor, site_tree, end_date):
    response = editor.post(add_page_url(PlanPeriodPage, site_tree["plans"]), plan_period_data(end_date=end_date))

    assert_refused(response, "end_date", END_BEFORE_START)
    assert not PlanPeriodPage.objects.exists()


def test_same_housing_area_twice_in_a_period_is_refused_in_the_edit_form(editor, site_tree):
    period = PlanPeriodPageFactory(parent=site_tree["plans"], title="Helhedsplan 2019-2026", slug="hp-2019-2026")
    area = HousingAreaPageFactory(parent=site_tree["areas"], title="Nordbyen")
    revisions_before = period.revisions.count()
    rows = [{"housing_area": area.pk, "coverage": "all"}, {"housing_area": area.pk, "coverage": "selected"}]

    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[period.pk]),
        plan_period_data(
            title=period.title,
            slug=period.slug,
            start_date="2019-01-01",
            end_date="2026-12-31",
            housing_area_coverage=inline_formset(rows),
            **{"action-publish": "action-publish"},
        ),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert any(AREA_TWICE in error for error in form.non_field_errors())
    second_row = form.formsets["housing_area_coverage"].forms[1]
    assert any(AREA_TWICE in error for error in second_row.errors["housing_area"])
    content = response.content.decode()
    assert "Boligområdet Nordbyen er allerede med i denne periode." in content
    assert escape(AREA_TWICE) in content
    assert "duplikerede data" not in content, "Django's generic formset message names internal fields"
    assert not PlanPeriodHousingArea.objects.exists()
    assert period.revisions.count() == revisions_before


def test_adding_an_already_covered_housing_area_again_is_refused(editor, site_tree):
    period = PlanPeriodPageFactory(parent=site_tree["plans"], title="Helhedsplan 2019-2026", slug="hp-2019-2026")
    existing = PlanPeriodHousingAreaFactory(page=period, housing_area=HousingAreaPageFactory(title="Nordbyen"))
    rows = [
        {"id": existing.pk, "housing_area": existing.housing_area_id, "coverage": "all"},
        {"housing_area": existing.housing_area_id, "coverage": "selected"},
    ]

    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[period.pk]),
        plan_period_data(
            title=period.title,
            slug=period.slug,
            start_date="2019-01-01",
            end_date="2026-12-31",
            housing_area_coverage=inline_formset(rows, initial=1),
            **{"action-publish": "action-publish"},
        ),
    )

    assert response.status_code == 200
    assert any(AREA_TWICE in error for error in response.context["form"].non_field_errors())
    assert list(PlanPeriodHousingArea.objects.values_list("coverage", flat=True)) == ["all"]


def test_one_housing_area_per_period_is_saved_through_the_edit_form(editor, site_tree):
    period = PlanPeriodPageFactory(parent=site_tree["plans"], title="Helhedsplan 2019-2026", slug="hp-2019-2026")
    area = HousingAreaPageFactory(parent=site_tree["areas"], title="Nordbyen")

    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[period.pk]),
        plan_period_data(
            title=period.title,
            slug=period.slug,
            start_date="2019-01-01",
            end_date="2026-12-31",
            housing_area_coverage=inline_formset([{"housing_area": area.pk, "coverage": "all"}]),
            **{"action-publish": "action-publish"},
        ),
    )

    assert response.status_code == 302
    assert list(PlanPeriodHousingArea.objects.values_list("page", "housing_area")) == [(period.pk, area.pk)]


def test_database_refuses_the_same_housing_area_twice_in_a_period(site_tree):
    coverage = PlanPeriodHousingAreaFactory(
        page=PlanPeriodPageFactory(parent=site_tree["plans"]),
        housing_area=HousingAreaPageFactory(parent=site_tree["areas"]),
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        PlanPeriodHousingAreaFactory(page=coverage.page, housing_area=coverage.housing_area)

    assert PlanPeriodHousingArea.objects.count() == 1


def event_data(**overrides):
    data = {
        "title": "Sankthans på fælleden",
        "slug": "sankthans",
        "starts_at": "2026-06-23 19:00",
        "ends_at": "2026-06-23 22:00",
        "place": "",
        "place_note": "ved bålpladsen",
        "teaser": "",
        "body": streamfield([]),
        "listing_image": "",
        "cancellation_reason": "",
        "open_to_all": "on",
        "price": "",
        "registration_url": "",
        "facebook_text": "",
        "include_in_newsletter": "on",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_event_with_valid_times_is_created(editor, site_tree):
    response = editor.post(add_page_url(EventPage, site_tree["events"]), event_data())

    assert response.status_code == 302
    assert EventPage.objects.get().title == "Sankthans på fælleden"


def test_event_ending_before_it_starts_is_refused(editor, site_tree):
    response = editor.post(add_page_url(EventPage, site_tree["events"]), event_data(ends_at="2026-06-23 18:00"))

    assert_refused(response, "ends_at", EVENT_ENDS_BEFORE_START)
    assert not EventPage.objects.exists()


def activity_data(**overrides):
    data = {
        "title": "Lektiecafé for 10-14-årige",
        "slug": "lektiecafe",
        "kind": "helhedsplan",
        "status": "aktiv",
        "body": streamfield([]),
        "age_min": "10",
        "age_max": "14",
        "partners": inline_formset([]),
        "organiser": "",
        "contact": "",
        "place": "",
        "schedule": "Hver tirsdag kl. 16-18",
        "price": "",
        "registration_url": "",
        "start_date": "",
        "end_date": "",
        "teaser": "",
        "listing_image": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_activity_with_valid_age_range_is_created(editor, site_tree):
    response = editor.post(add_page_url(ActivityPage, site_tree["activities"]), activity_data())

    assert response.status_code == 302
    activity = ActivityPage.objects.get()
    assert (activity.age_min, activity.age_max) == (10, 14)


def test_activity_with_inverted_age_range_is_refused(editor, site_tree):
    response = editor.post(add_page_url(ActivityPage, site_tree["activities"]), activity_data(age_max="6"))

    assert_refused(response, "age_max", AGE_INVERTED)
    assert not ActivityPage.objects.exists()


def test_activity_ending_before_it_starts_fails_full_clean(site_tree):
    activity = ActivityPageFactory.build(start_date=datetime.date(2025, 8, 1), end_date=datetime.date(2025, 6, 1))

    with pytest.raises(ValidationError) as excinfo:
        activity.clean()

    assert excinfo.value.message_dict == {"end_date": [END_BEFORE_START]}


def news_data(**overrides):
    data = {
        "title": "Sommerfest i Nordbyen",
        "slug": "sommerfest",
        "published_date": "2026-06-01",
        "teaser": "",
        "body": streamfield([]),
        "listing_image": "",
        "share_on_facebook": "on",
        "facebook_text": "Kom til sommerfest!",
        "include_in_newsletter": "on",
        "pdf_version": "",
        "external_source_url": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_news_with_facebook_text_of_500_characters_is_created(editor, site_tree):
    response = editor.post(add_page_url(NewsPage, site_tree["news"]), news_data(facebook_text="æ" * 500))

    assert response.status_code == 302
    assert len(NewsPage.objects.get().facebook_text) == 500


def test_news_with_facebook_text_over_500_characters_is_refused(editor, site_tree):
    response = editor.post(add_page_url(NewsPage, site_tree["news"]), news_data(facebook_text="æ" * 501))

    assert_refused(response, "facebook_text", FACEBOOK_TOO_LONG)
    assert not NewsPage.objects.exists()


def test_news_with_an_https_video_is_created(editor, site_tree):
    video = {"url": "https://www.youtube.com/watch?v=abc123", "title": "Sommerfesten 2025"}

    response = editor.post(add_page_url(NewsPage, site_tree["news"]), news_data(body=streamfield([("video", video)])))

    assert response.status_code == 302
    assert NewsPage.objects.get().body[0].value["url"] == video["url"]


def test_news_with_a_plain_http_video_is_refused(editor, site_tree):
    video = {"url": "http://www.youtube.com/watch?v=abc123", "title": "Sommerfesten 2025"}

    response = editor.post(add_page_url(NewsPage, site_tree["news"]), news_data(body=streamfield([("video", video)])))

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"body"}
    stream_error = form.errors.as_data()["body"][0]
    url_errors = stream_error.block_errors[0].block_errors["url"]
    assert url_errors.messages == [VIDEO_NOT_HTTPS]
    assert VIDEO_NOT_HTTPS in response.content.decode()  # the StreamField widget renders it from JSON
    assert not NewsPage.objects.exists()


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
