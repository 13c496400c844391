"""The activities list: filters a listing page needs, visibility, pagination, bounded SQL."""

import pytest
from wagtail.models import PageViewRestriction

from organisations.models import TargetGroup
from pages.models import ActivityPage, FocusAreaPage, HousingAreaPage, PlanPeriodPage

from .test_query_counts import _grow

pytestmark = pytest.mark.django_db

QUERY = """
query Activities($planPeriod: String, $focusArea: String, $housingArea: String, $targetGroup: String,
                 $status: ActivityStatus, $page: Int, $perPage: Int) {
  activities(planPeriod: $planPeriod, focusArea: $focusArea, housingArea: $housingArea, targetGroup: $targetGroup,
             status: $status, page: $page, perPage: $perPage) {
    items { title urlPath status targetGroups { name } housingAreas { slug } focusAreas { slug } }
    pagination { total totalPages }
  }
}
"""


@pytest.fixture
def activities(site_tree):
    """Two periods with a focus area each; activities across areas and target groups; one hidden of each kind."""
    tree = site_tree
    early = tree["plans"].add_child(instance=PlanPeriodPage(title="2017-2021", slug="p2017"))
    late = tree["plans"].add_child(instance=PlanPeriodPage(title="2021-2025", slug="p2021"))
    homework = early.add_child(instance=FocusAreaPage(title="Uddannelse", slug="uddannelse"))
    jobs = late.add_child(instance=FocusAreaPage(title="Beskæftigelse", slug="beskaeftigelse"))
    vangdalen = tree["areas"].add_child(instance=HousingAreaPage(title="Vangdalen", slug="vangdalen"))
    hidden_area = tree["areas"].add_child(instance=HousingAreaPage(title="Skjult", slug="skjult", live=False))
    children, adults = TargetGroup.objects.create(name="Børn"), TargetGroup.objects.create(name="Voksne")

    def activity(title, focus, area, group, **fields):
        page = tree["activities"].add_child(instance=ActivityPage(title=title, slug=title.lower(), **fields))
        page.focus_areas.add(focus)
        page.housing_areas.add(area, hidden_area)
        page.target_groups.add(group)
        page.save()
        return page

    activity("Lektiecafe", homework, vangdalen, children)
    activity("Jobcafe", jobs, vangdalen, adults)
    activity("Klubben", homework, vangdalen, children, status="afsluttet")
    activity("Kladde", homework, vangdalen, children, live=False)
    private = activity("Privat", homework, vangdalen, children)
    PageViewRestriction.objects.create(page=private, restriction_type="login")


def titles(gql, **variables):
    status, body, _ = gql(QUERY, variables)
    assert status == 200 and "errors" not in body, body
    return [item["title"] for item in body["data"]["activities"]["items"]]


def test_every_visible_activity_once_with_only_visible_relations(gql, activities):
    status, body, _ = gql(QUERY, {"planPeriod": "p2017"})
    assert status == 200

    items = body["data"]["activities"]["items"]
    assert [item["title"] for item in items] == ["Klubben", "Lektiecafe"]
    assert all(item["housingAreas"] == [{"slug": "vangdalen"}] for item in items)
    assert body["data"]["activities"]["pagination"] == {"total": 2, "totalPages": 1}


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, ["Jobcafe", "Klubben", "Lektiecafe"]),
        ({"planPeriod": "p2021"}, ["Jobcafe"]),
        ({"focusArea": "uddannelse"}, ["Klubben", "Lektiecafe"]),
        ({"housingArea": "vangdalen"}, ["Jobcafe", "Klubben", "Lektiecafe"]),
        # A hidden housing area's slug filters like an unknown one: it must not confirm the slug.
        ({"housingArea": "skjult", "targetGroup": "Voksne"}, []),
        ({"targetGroup": "Børn"}, ["Klubben", "Lektiecafe"]),
        ({"status": "CLOSED"}, ["Klubben"]),
        ({"planPeriod": "findes-ikke"}, []),
        ({"perPage": 2, "page": 2}, ["Lektiecafe"]),
    ],
)
def test_filters(gql, activities, variables, expected):
    assert titles(gql, **variables) == expected


def test_the_cost_does_not_grow_with_the_list(gql, site_tree):
    counts = []
    for start, stop in ((0, 2), (2, 20)):
        _grow(site_tree, start, stop)
        gql(QUERY, {"perPage": 100})
        status, body, queries = gql(QUERY, {"perPage": 100})
        assert status == 200
        assert len(body["data"]["activities"]["items"]) == stop
        counts.append(queries)
    assert counts[0] == counts[1]
