"""A hidden page's slug, in any filter argument, answers exactly like a slug that does not exist.

Otherwise a caller could confirm a guessed slug of an unpublished or restricted
period (and read the public items linked to it).
"""

import datetime as dt
import json

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import PageViewRestriction

from documents.models import PlanDocument
from pages.models import (
    ActivityPage,
    EventPage,
    FocusAreaPage,
    HousingAreaIndexPage,
    HousingAreaPage,
    NewsPage,
    PlanPeriodIndexPage,
    PlanPeriodPage,
)

pytestmark = pytest.mark.django_db

HIDDEN = ("kladde", "adgangskode", "under-kladde")
UNKNOWN = "findes-ikke"


def _hide(page, how):
    if how == "kladde":
        page.live = False
        page.save()
    elif how == "adgangskode":
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="hemmelig")


def _content(tree):
    """Visible periods, focus areas and housing areas, and one of each hidden three ways; public items on each."""
    hidden_plans = tree["home"].add_child(instance=PlanPeriodIndexPage(title="Skjult", slug="skjulte-planer"))
    hidden_areas = tree["home"].add_child(instance=HousingAreaIndexPage(title="Skjult", slug="skjulte-omraader"))
    now = timezone.now()
    for how in ("synlig", *HIDDEN):
        plans, areas = (hidden_plans, hidden_areas) if how == "under-kladde" else (tree["plans"], tree["areas"])
        period = plans.add_child(
            instance=PlanPeriodPage(title=f"Periode {how}", slug=f"periode-{how}", start_date=dt.date(2020, 1, 1))
        )
        area = areas.add_child(instance=HousingAreaPage(title=f"Område {how}", slug=f"omraade-{how}"))
        # A focus area under a visible period, hidden itself (or under the hidden period for "under-kladde").
        focus_parent = period if how == "under-kladde" else PlanPeriodPage.objects.get(slug="periode-synlig")
        focus = focus_parent.add_child(instance=FocusAreaPage(title=f"Indsats {how}", slug=f"indsats-{how}"))
        news = tree["news"].add_child(instance=NewsPage(title=f"Offentlig nyhed {how}", slug=f"nyhed-{how}"))
        news.plan_periods.add(period)
        news.housing_areas.add(area)
        news.save()
        event = tree["events"].add_child(
            instance=EventPage(title=f"Arrangement {how}", slug=f"arr-{how}", starts_at=now + dt.timedelta(days=3))
        )
        event.housing_areas.add(area)
        event.save()
        activity = tree["activities"].add_child(instance=ActivityPage(title=f"Aktivitet {how}", slug=f"akt-{how}"))
        activity.focus_areas.add(focus)
        activity.housing_areas.add(area)
        activity.save()
        document = PlanDocument(title=f"Dokument {how}", kind="evaluering", plan_period=period)
        document.file.save(f"{how}.txt", ContentFile(b"x"))
        if how != "under-kladde":
            for page in (period, area, focus):
                _hide(page, how)
    _hide(hidden_plans, "kladde")
    _hide(hidden_areas, "kladde")


FILTERS = {
    ("newsItems", "planPeriod"): "periode",
    ("newsItems", "housingArea"): "omraade",
    ("documents", "planPeriod"): "periode",
    ("activities", "planPeriod"): "periode",
    ("activities", "focusArea"): "indsats",
    ("activities", "housingArea"): "omraade",
}


def _paged(field, argument, slug):
    return (
        f'{{ {field}({argument}: "{slug}", perPage: 100) {{ items {{ title }} pagination {{ total totalPages }} }} }}'
    )


def _events(slug):
    return f'{{ events(housingArea: "{slug}", limit: 100) {{ title }} }}'


CASES = [(_paged(field, argument, "{slug}"), prefix) for (field, argument), prefix in FILTERS.items()]
CASES.append((_events("{slug}"), "omraade"))


@pytest.mark.parametrize(("template", "prefix"), CASES, ids=[*(f"{f}({a})" for f, a in FILTERS), "events(housingArea)"])
def test_a_hidden_slug_answers_exactly_like_an_unknown_one(gql, site_tree, template, prefix):
    _content(site_tree)

    def answer(slug):
        status, body, _ = gql(template.replace("{slug}", slug))
        assert status == 200 and "errors" not in body, body
        return body

    visible = json.dumps(answer(f"{prefix}-synlig"), ensure_ascii=False)
    assert "synlig" in visible  # the filter works: the visible slug finds its public item
    unknown = answer(UNKNOWN)
    for how in HIDDEN:
        assert answer(f"{prefix}-{how}") == unknown, how


LOOKUPS = [
    '{ planPeriod(slug: "periode-%s") { title } }',
    '{ housingArea(slug: "omraade-%s") { title } }',
    '{ page(urlPath: "/helhedsplanen/periode-%s/") { title } }',
    '{ page(urlPath: "/boligomraader/omraade-%s/") { title } }',
]


@pytest.mark.parametrize("template", LOOKUPS)
def test_a_hidden_page_looked_up_by_slug_or_path_answers_like_an_unknown_one(gql, site_tree, template):
    _content(site_tree)

    def answer(suffix):
        status, body, _ = gql(template % suffix)
        assert status == 200 and "errors" not in body, body
        return body

    assert "synlig" in json.dumps(answer("synlig"))
    unknown = answer(UNKNOWN)
    for how in ("kladde", "adgangskode"):  # "under-kladde" lives at another path; its slug is covered above
        assert answer(how) == unknown, how


def test_an_unsent_newsletter_issue_answers_like_a_month_without_one(gql, site_tree):
    from newsletter.models import NewsletterIssue

    NewsletterIssue.objects.create(
        month=dt.date(2030, 1, 1), subject="Udkast", html="<p>x</p>", text="x", state="draft"
    )
    query = '{ newsletterIssue(month: "%s") { subject } }'
    _, draft, _ = gql(query % "2030-01")
    _, unknown, _ = gql(query % "2031-01")
    assert draft == unknown == {"data": {"newsletterIssue": None}}
