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

from pages.models import ActivityPage, EventPage, NewsPage, PlanPeriodHousingArea, PlanPeriodPage
from tests.factories import (
    ActivityPageFactory,
    HousingAreaPageFactory,
    PlanPeriodHousingAreaFactory,
    PlanPeriodPageFactory,
)

from .admin_forms import (
    AGE_INVERTED,
    AREA_TWICE,
    END_BEFORE_START,
    EVENT_ENDS_BEFORE_START,
    FACEBOOK_TOO_LONG,
    VIDEO_NOT_HTTPS,
    add_page_url,
    assert_refused,
    editor,
)

__all__ = ["add_page_url", "editor"]  # imported by other tests from here


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
