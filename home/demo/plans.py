"""The plan periods with their coverage, approvals, focus areas and funding."""

from pages.models import Approval, FocusAreaPage, FundingLine, PlanPeriodHousingArea, PlanPeriodPage

from . import examples, facts
from .state import Demo, danish_slug, image_for, publish_child


def plan_periods(demo: Demo) -> None:
    index = demo.indexes["plans"]
    for spec in facts.PLAN_PERIODS:
        page = PlanPeriodPage(
            title=spec["title"],
            slug=spec["slug"],
            motto=spec["motto"],
            start_date=spec["start_date"],
            end_date=spec["end_date"],
            date_precision=spec["date_precision"],
            lbf_funding_generation=spec["generation"],
            approval_stage=spec["approval_stage"],
            intro=spec["intro"],
        )
        if not index.get_children().filter(slug=spec["slug"]).exists():
            page.housing_area_coverage = [
                PlanPeriodHousingArea(housing_area=demo.areas[slug], coverage=coverage)
                for slug, coverage in spec["coverage"]
            ]
            page.approvals = [Approval(approved_by=b, approved_on=d, note=n) for b, d, n in spec["approvals"]]
        period = publish_child(index, page)
        demo.periods[spec["slug"]] = period
        for position, (title, theme) in enumerate(spec["focus_areas"]):
            image = image_for(demo, examples.FOCUS_AREA_IMAGES, position)
            publish_child(
                period, FocusAreaPage(title=title, slug=danish_slug(title), lbf_theme=theme, listing_image=image)
            )


def period_funding(demo: Demo) -> None:
    """Only the amounts a source gives (2009-13); 2021-25 has none published, so it has none here."""
    for slug, funder, ftype, kind, amount, estimate, note in facts.FUNDING_LINES:
        FundingLine.objects.get_or_create(
            plan_period=demo.periods[slug],
            funding_type=ftype,
            amount_kind=kind,
            amount_dkk=amount,
            defaults={"funder": demo.orgs.get(funder), "is_estimate": estimate, "note": note},
        )
