"""The demo content holds the facts the issue lists, and loading it twice changes nothing."""

import datetime as dt
import hashlib
import json

import pytest
from django.apps import apps
from django.core import serializers
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Revision, Site

from documents.choices import DocumentAudience, DocumentKind
from documents.models import PlanDocument, PlanImage
from documents.renditions import ALL_SPECS
from home.demo import examples, facts
from home.demo.loader import demo_content_load
from home.models import HomePage
from organisations.choices import GovernanceBodyKind
from organisations.models import GovernanceBody
from pages.choices import AmountKind, ClassificationListType, Coverage, FundingType, LbfTheme
from pages.models import (
    AreaClassification,
    EventPage,
    FocusAreaPage,
    FundingLine,
    HousingAreaPage,
    NewsPage,
    PlanPeriodIndexPage,
    PlanPeriodPage,
)

pytestmark = pytest.mark.django_db


def period(slug):
    return PlanPeriodPage.objects.get(slug=slug)


def focus_area_titles(slug):
    return list(FocusAreaPage.objects.child_of(period(slug)).live().values_list("title", flat=True))


def test_site_root_is_the_home_page(demo):
    assert isinstance(Site.objects.get(is_default_site=True).root_page.specific, HomePage)


def test_four_plan_periods_are_live(demo):
    assert sorted(PlanPeriodPage.objects.live().values_list("slug", flat=True)) == [
        "helhedsplanen-2009-2013",
        "helhedsplanen-2013-2017",
        "helhedsplanen-2017-2021",
        "helhedsplanen-2021-2025",
    ]


def test_2017_21_motto_start_and_focus(demo):
    page = period("helhedsplanen-2017-2021")
    assert page.motto == "Fremtiden lever her"
    assert page.start_date == dt.date(2017, 6, 1)
    assert "børn, unge og familieliv" in page.intro
    assert focus_area_titles("helhedsplanen-2017-2021") == [
        "Tryghed og trivsel",
        "Kriminalpræventiv indsats",
        "Uddannelse og beskæftigelse",
        "Forebyggelse og forældreansvar",
    ]


def test_2021_25_approved_by_city_council_in_march_2021_with_four_focus_areas(demo):
    page = period("helhedsplanen-2021-2025")
    approval = page.approvals.get()
    assert approval.get_approved_by_display() == "Byråd"
    assert (approval.approved_on.year, approval.approved_on.month) == (2021, 3)
    assert focus_area_titles("helhedsplanen-2021-2025") == [
        "Uddannelse og livschancer",
        "Beskæftigelse",
        "Kriminalitetsforebyggelse",
        "Sammenhængskraft og medborgerskab",
    ]
    themes = set(FocusAreaPage.objects.child_of(page).values_list("lbf_theme", flat=True))
    assert themes == {
        LbfTheme.EDUCATION_LIFE_CHANCES,
        LbfTheme.EMPLOYMENT,
        LbfTheme.CRIME_PREVENTION,
        LbfTheme.COHESION_CITIZENSHIP,
    }


def test_five_housing_areas_and_2021_25_coverage(demo):
    assert sorted(HousingAreaPage.objects.live().values_list("title", flat=True)) == [
        "Energivej-området",
        "Gl. Jennumparken",
        "Glarbjergvej-området",
        "Hermann Stillingsvej-området",
        "Vangdalen",
    ]
    coverage = {
        row.housing_area.title: row.coverage for row in period("helhedsplanen-2021-2025").housing_area_coverage.all()
    }
    assert coverage == {
        "Gl. Jennumparken": Coverage.ALL,
        "Glarbjergvej-området": Coverage.ALL,
        "Vangdalen": Coverage.SELECTED,
        "Hermann Stillingsvej-området": Coverage.SELECTED,
        "Energivej-området": Coverage.SELECTED,
    }
    at_risk = set(HousingAreaPage.objects.filter(local_status_label="I risikozonen").values_list("title", flat=True))
    assert at_risk == {"Vangdalen", "Hermann Stillingsvej-området", "Energivej-området"}


def test_both_fully_covered_areas_are_on_the_udsat_list(demo):
    for title in ("Gl. Jennumparken", "Glarbjergvej-området"):
        lists = AreaClassification.objects.filter(housing_area__title=title, list_type=ClassificationListType.UDSAT)
        assert {c.list_date for c in lists} >= {dt.date(2020, 12, 1), dt.date(2021, 12, 1)}


def test_2009_13_funding(demo):
    lines = FundingLine.objects.filter(plan_period=period("helhedsplanen-2009-2013"))
    lbf = lines.get(funder__name="Landsbyggefonden", amount_kind=AmountKind.GRANTED)
    assert lbf.amount_dkk == 16_100_000 and lbf.funding_type == FundingType.LBF_GRANT
    local = lines.get(funding_type=FundingType.LOCAL_COFINANCING)
    assert local.amount_dkk == 7_000_000 and local.is_estimate
    extended = lines.get(amount_kind=AmountKind.EXTENDED)
    assert extended.amount_dkk == 21_300_000
    assert "2010" in extended.note


def test_lbf_75_25_rule_is_stated(demo):
    intro = PlanPeriodIndexPage.objects.get().intro
    assert "75 %" in intro and "25 % lokal medfinansiering" in intro


def test_board_and_steering_group_with_kommissorium(demo):
    bodies = GovernanceBody.objects.filter(plan_period=period("helhedsplanen-2017-2021"))
    board = bodies.get(kind=GovernanceBodyKind.BOARD)
    steering = bodies.get(kind=GovernanceBodyKind.STEERING_GROUP)
    for body in (board, steering):
        assert body.mandate.kind == DocumentKind.TERMS_OF_REFERENCE
        assert body.mandate.title.startswith("Kommissorium for bestyrelsen og styregruppen")
    assert {m.person.name for m in board.memberships.all()} == {"Louise Hou Kragh", "Michael Maaløe", "Ann Hermansen"}


@pytest.mark.parametrize(
    ("slug", "kinds"),
    [
        ("helhedsplanen-2009-2013", {DocumentKind.PLAN, DocumentKind.RESULT_EVALUATION}),
        ("helhedsplanen-2013-2017", {DocumentKind.PLAN, DocumentKind.RESULT_EVALUATION}),
        (
            "helhedsplanen-2017-2021",
            {
                DocumentKind.PLAN,
                DocumentKind.RESULT_EVALUATION,
                DocumentKind.ORGANISATION_DIAGRAM,
                DocumentKind.MEMBER_LIST,
                DocumentKind.TERMS_OF_REFERENCE,
            },
        ),
        ("helhedsplanen-2021-2025", {DocumentKind.PLAN}),
    ],
)
def test_documents_per_period_are_real_pdfs_with_truthful_titles(demo, slug, kinds):
    documents = PlanDocument.objects.filter(plan_period__slug=slug)
    assert kinds <= {d.kind for d in documents}
    for document in documents:
        with document.file.open("rb") as handle:
            content = handle.read()
        assert content.startswith(b"%PDF-")
        assert document.file_size == len(content)
        assert b"pladsholder" in content  # the file says it stands in for the real document
    assert period(slug).plan_document.kind == DocumentKind.PLAN


def test_news_and_events_are_dated_and_some_go_to_facebook_and_newsletter(demo):
    news = NewsPage.objects.live()
    assert news.get(title="Byrådet vedtager ny helhedsplan for fem områder").published_date == dt.date(2021, 3, 8)
    assert news.filter(share_on_facebook=True).exists() and news.filter(share_on_facebook=False).exists()
    assert news.filter(include_in_newsletter=True).exists()
    sankt_hans = EventPage.objects.get(title="Sankt Hans i Nordbyen")
    assert sankt_hans.starts_at.astimezone(dt.timezone(dt.timedelta(hours=2))).hour == 18
    assert sankt_hans.share_on_facebook
    # Historic items keep their real date as first publication, so the jobs do not treat them as new.
    assert news.get(published_date=dt.date(2010, 4, 6)).first_published_at.year == 2010


def _snapshot():
    """Every row of every model of ours and Wagtail's page/revision tables, plus file contents."""
    models = [
        model
        for model in apps.get_models()
        if model._meta.app_label in {"home", "pages", "documents", "organisations", "wagtailcore", "taggit"}
    ]
    dump = serializers.serialize("json", [obj for model in models for obj in model._default_manager.order_by("pk")])
    files = sorted(hashlib.sha256(d.file.read()).hexdigest() for d in PlanDocument.objects.all())
    return hashlib.sha256(dump.encode()).hexdigest(), files, Revision.objects.count()


def test_loading_twice_changes_nothing(demo):
    before = _snapshot()
    demo_content_load()
    assert _snapshot() == before


# --- the demo shows every feature (issue 14) ----------------------------------------------


def test_enough_news_for_pagination_with_examples_marked(demo):
    news = NewsPage.objects.live()
    assert news.count() >= 25
    invented = news.exclude(title__in=[title for _, title, *_ in facts.NEWS])
    assert invented.exists() and all(
        page.title.startswith("Eksempel") and "ikke en rigtig nyhed" in page.teaser for page in invented
    )


def test_news_events_areas_and_focus_areas_have_drawn_illustrations_with_renditions(demo):
    for model in (NewsPage, EventPage, HousingAreaPage, FocusAreaPage):
        pages = model.objects.live()
        assert pages.exists() and not pages.filter(listing_image=None).exists(), model.__name__
    for image in PlanImage.objects.all():
        assert image.credit == "Illustration" and image.title.startswith("Illustration: ")
        assert image.description.startswith("Tegnet illustration")
        assert set(image.renditions.values_list("filter_spec", flat=True)) >= set(ALL_SPECS)
        with image.file.open("rb") as handle:
            assert handle.read(8) == b"\x89PNG\r\n\x1a\n"


def test_some_events_lie_ahead_and_those_say_they_are_examples(demo):
    upcoming = EventPage.objects.live().filter(starts_at__gte=timezone.now())
    assert upcoming.count() >= 5
    assert all(event.title.startswith("Eksempel") and "Eksempel" in event.teaser for event in upcoming)


def test_example_events_move_ahead_once_all_have_passed(demo):
    examples_ = EventPage.objects.filter(slug__in=[slug for slug, *_ in examples.EXAMPLE_EVENTS])
    examples_.update(starts_at=timezone.now() - dt.timedelta(days=400), ends_at=None)
    demo_content_load()
    assert EventPage.objects.filter(pk__in=examples_.values("pk"), starts_at__gte=timezone.now()).count() == len(
        examples.EXAMPLE_EVENTS
    )


def test_the_private_collection_holds_an_internal_document_the_api_never_shows(demo, client):
    collection = Collection.objects.get(name="Intern (kun bestyrelsen)")
    assert CollectionViewRestriction.objects.filter(collection=collection).exists()
    document = PlanDocument.objects.get(collection=collection)
    assert document.audience == DocumentAudience.BOARD
    response = client.post(
        "/graphql/",
        json.dumps({"query": "{ documents(perPage: 100) { items { title } } }"}),
        content_type="application/json",
    )
    titles = [item["title"] for item in response.json()["data"]["documents"]["items"]]
    assert titles and document.title not in titles


def test_2021_25_has_no_invented_funding_and_a_board_without_invented_members(demo):
    current = period("helhedsplanen-2021-2025")
    assert not FundingLine.objects.filter(plan_period=current).exists()
    board = GovernanceBody.objects.get(plan_period=current)
    assert board.kind == GovernanceBodyKind.BOARD and not board.memberships.exists()
    assert "oktober 2022" in board.description
