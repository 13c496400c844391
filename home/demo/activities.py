"""The activities (indsatser) with their focus areas, housing areas, target groups, partners and funding."""

from pages.models import ActivityPage, ActivityPartner, FocusAreaPage, FundingLine

from . import examples, facts
from .state import Demo, publish_child


def activities(demo: Demo) -> None:
    index = demo.indexes["activities"]
    for spec in facts.ACTIVITIES:
        page = ActivityPage(
            title=spec["title"],
            slug=spec["slug"],
            teaser=spec["teaser"],
            start_date=spec["start_date"],
            end_date=spec["end_date"],
        )
        if not index.get_children().filter(slug=spec["slug"]).exists():
            page.focus_areas = [
                FocusAreaPage.objects.child_of(demo.periods[period_slug]).get(title=title)
                for period_slug, title in spec["focus_areas"]
            ]
            page.housing_areas = [demo.areas[slug] for slug in spec["housing_areas"]]
            page.target_groups = [demo.groups[name] for name in spec["target_groups"]]
            page.partners = [
                ActivityPartner(organisation=demo.orgs[org], role=role)
                for slug, org, role in examples.ACTIVITY_PARTNERS
                if slug == spec["slug"]
            ]
        demo.activities[spec["slug"]] = publish_child(index, page)
    for activity_slug, funder, ftype, amount, note in facts.ACTIVITY_FUNDING:
        FundingLine.objects.get_or_create(
            activity=demo.activities[activity_slug],
            funder=demo.orgs[funder],
            funding_type=ftype,
            defaults={"amount_dkk": amount, "note": note},
        )
