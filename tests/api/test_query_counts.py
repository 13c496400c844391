"""Each list operation of the contract costs the same number of SQL queries for 2 items as for 20."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import PlanDocument
from pages.models import (
    ActivityPage,
    ActivityPartner,
    EventPage,
    FocusAreaPage,
    HousingAreaPage,
    NewsPage,
    PlanPeriodPage,
)
from tests.factories import OrganisationFactory, PlanImageFactory

pytestmark = pytest.mark.django_db


def _grow(tree, start, stop):
    """n of each listed thing, each with its own listing image: periods with focus areas and
    activities, areas, news, events, documents, and pages featured on the home page."""
    now = timezone.now()
    home = tree["home"]
    for i in range(start, stop):
        image = PlanImageFactory  # a new image per page: nothing is shared between rows
        area = HousingAreaPage(title=f"Område {i}", slug=f"omraade-{i}", listing_image=image())
        tree["areas"].add_child(instance=area)
        period = PlanPeriodPage(
            title=f"Periode {i}", slug=f"periode-{i}", start_date=dt.date(2000 + i, 1, 1), listing_image=image()
        )
        tree["plans"].add_child(instance=period)
        focus = FocusAreaPage(title=f"Indsatsområde {i}", slug=f"indsats-{i}", listing_image=image())
        period.add_child(instance=focus)
        activity = ActivityPage(title=f"Aktivitet {i}", slug=f"aktivitet-{i}", listing_image=image())
        tree["activities"].add_child(instance=activity)
        activity.focus_areas.add(focus)
        activity.housing_areas.add(area)
        activity.partners.add(ActivityPartner(organisation=OrganisationFactory()))
        activity.save()
        news = NewsPage(title=f"Nyhed {i}", slug=f"nyhed-{i}", share_on_facebook=True, listing_image=image())
        tree["news"].add_child(instance=news)
        tree["events"].add_child(
            instance=EventPage(
                title=f"Arrangement {i}",
                slug=f"arr-{i}",
                starts_at=now + dt.timedelta(days=i + 1),
                listing_image=image(),
            )
        )
        document = PlanDocument(title=f"Dokument {i}", kind="evaluering", plan_period=period)
        document.file.save(f"d{i}.txt", ContentFile(b"x"))
        home.featured.append(("page", news))
        home.featured.append(("page", activity))
    home.save()


OPERATIONS = {
    "HomePage": {},
    "SiteSettings": {},
    "Activities": {"planPeriod": None, "housingArea": None, "page": 1},
    "PlanArchive": {},
    "HousingAreas": {},
    "DocumentLibrary": {"kind": None, "planPeriod": None, "page": 1},
    "FacebookCandidates": {"since": "2000-01-01T00:00:00Z"},
    "NewsletterContent": {
        "from": "2000-01-01T00:00:00Z",
        "to": "2100-01-01T00:00:00Z",
        "eventsFrom": "2000-01-01T00:00:00Z",
        "eventsTo": "2100-01-01T00:00:00Z",
    },
    "Search": {"query": "Nyhed"},
}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_query_count_is_flat(contract, site_tree, operation):
    counts = []
    for start, stop in ((0, 2), (2, 20)):
        _grow(site_tree, start, stop)
        contract(operation, **OPERATIONS[operation])  # warm caches (content types) and make the renditions
        status, body, queries = contract(operation, **OPERATIONS[operation])
        assert status == 200 and "errors" not in body, body
        counts.append(queries)
    assert counts[0] == counts[1], f"{operation}: {counts[0]} queries for 2 items, {counts[1]} for 20"


def test_the_image_operations_do_return_images(contract, site_tree):
    """The counts above are of lists that really carry images and renditions, not of nulls."""
    _grow(site_tree, 0, 2)
    contract("HomePage")
    status, body, _ = contract("HomePage")
    assert status == 200 and "errors" not in body, body
    data = body["data"]
    images = [item["image"] for item in data["newsItems"]["items"] + data["events"]]
    images += [page["image"] for page in data["homePage"]["featured"]]
    assert images and all(image and image["rendition"]["url"].endswith(".webp") for image in images), images
    _, body, _ = contract("Activities", planPeriod=None, housingArea=None, page=1)
    assert all(item["image"]["rendition"]["srcSet"] for item in body["data"]["activities"]["items"])
    _, body, _ = contract("HousingAreas")
    assert all(area["image"]["rendition"]["url"] for area in body["data"]["housingAreas"])


def _grow_inside(tree, start, stop):
    """n of each list inside one period, one housing area and one document collection."""
    from organisations.models import Membership
    from pages.models import (
        AreaClassification,
        Criterion,
        Department,
        DocumentCollectionItem,
        DocumentCollectionPage,
        KeyFigure,
        PlanPeriodHousingArea,
    )
    from tests.factories import (
        FundingLineFactory,
        GovernanceBodyFactory,
        OrganisationFactory,
        PersonFactory,
        TargetGroupFactory,
    )

    period = PlanPeriodPage.objects.filter(slug="fast-periode").first()
    if period is None:
        period = tree["plans"].add_child(instance=PlanPeriodPage(title="Fast periode", slug="fast-periode"))
        area = tree["areas"].add_child(
            instance=HousingAreaPage(title="Fast område", slug="fast-omraade", listing_image=PlanImageFactory())
        )
        tree["library"].add_child(instance=DocumentCollectionPage(title="Fast samling", slug="fast-samling"))
    area = HousingAreaPage.objects.get(slug="fast-omraade")
    collection = DocumentCollectionPage.objects.get(slug="fast-samling")
    body = GovernanceBodyFactory(plan_period=period)
    for i in range(start, stop):
        focus = period.add_child(instance=FocusAreaPage(title=f"Fast indsats {i}", slug=f"fast-indsats-{i}"))
        activity = tree["activities"].add_child(instance=ActivityPage(title=f"Fast akt {i}", slug=f"fast-akt-{i}"))
        activity.focus_areas.add(focus)
        activity.housing_areas.add(area)
        activity.target_groups.add(TargetGroupFactory())
        activity.save()
        other_area = tree["areas"].add_child(instance=HousingAreaPage(title=f"Andet {i}", slug=f"andet-{i}"))
        PlanPeriodHousingArea.objects.create(page=period, housing_area=other_area)
        FundingLineFactory(plan_period=period, funder=OrganisationFactory())
        Membership.objects.create(body=body, person=PersonFactory(), represents=OrganisationFactory())
        document = PlanDocument(title=f"Fast dokument {i}", kind="evaluering", plan_period=period)
        document.file.save(f"f{i}.txt", ContentFile(b"x"))
        DocumentCollectionItem.objects.create(page=collection, document=document, sort_order=i)
        classification = AreaClassification.objects.create(
            housing_area=area, list_date=dt.date(2010 + i, 12, 1), list_type="udsat"
        )
        classification.criteria_met.add(Criterion.objects.get_or_create(code=f"k{i}", label=f"Kriterium {i}")[0])
        area.housing_organisations.add(OrganisationFactory())
        area.departments.add(Department(name=f"Afdeling {i}", organisation=OrganisationFactory()))
        KeyFigure.objects.create(label=f"Tal {i}", value=i, housing_area=area)
        KeyFigure.objects.create(label=f"Tal {i}", value=i, plan_period=period)
        focus.listing_image = PlanImageFactory()
        focus.save()
        activity.listing_image = PlanImageFactory()
        activity.partners.add(ActivityPartner(organisation=OrganisationFactory()))
        activity.save()
    area.save_revision().publish()
    period.save_revision().publish()
    collection.save_revision().publish()


LOOKUPS = {
    "PlanPeriod": {"slug": "fast-periode"},
    "HousingArea": {"slug": "fast-omraade"},
    "DocumentCollection": {"slug": "fast-samling"},
    "PageByPath": {"path": "/aktiviteter/"},
}


@pytest.mark.parametrize("operation", LOOKUPS)
def test_lookups_cost_the_same_whatever_the_length_of_their_lists(contract, site_tree, operation):
    counts = []
    for start, stop in ((0, 2), (2, 20)):
        _grow_inside(site_tree, start, stop)
        contract(operation, **LOOKUPS[operation])
        status, body, queries = contract(operation, **LOOKUPS[operation])
        assert status == 200 and "errors" not in body, body
        assert next(iter(body["data"].values())) is not None, body
        counts.append(queries)
    assert counts[0] == counts[1], f"{operation}: {counts[0]} queries for 2 items, {counts[1]} for 20"
