"""The housing areas, their departments, classifications on the government's lists and key figures."""

from pages.models import AreaClassification, Department, HousingAreaPage, KeyFigure

from . import examples, facts
from .state import Demo, image_for, publish_child


def housing_areas(demo: Demo) -> None:
    index = demo.indexes["areas"]
    for position, spec in enumerate(facts.HOUSING_AREAS):
        page = HousingAreaPage(
            title=spec["title"],
            slug=spec["slug"],
            local_status_label=spec["local_status_label"],
            description=f"<p>{spec['description']}</p>",
            boundary_description=spec["boundary"],
            listing_image=image_for(demo, examples.AREA_IMAGES, position),
        )
        if not index.get_children().filter(slug=spec["slug"]).exists():
            page.housing_organisations = [demo.orgs[name] for name in spec["organisations"]]
            page.departments = [
                Department(number=number, name=name, organisation=demo.orgs.get(org) if org else None)
                for number, name, org in spec["departments"]
            ]
        demo.areas[spec["slug"]] = publish_child(index, page)


def classifications_and_key_figures(demo: Demo) -> None:
    for area_slug, list_date, list_type, official_name, note in facts.CLASSIFICATIONS:
        AreaClassification.objects.get_or_create(
            housing_area=demo.areas[area_slug],
            list_date=list_date,
            list_type=list_type,
            defaults={"official_area_name": official_name, "note": note},
        )
    for label, value, unit, as_of, period_slug, area_slug in facts.KEY_FIGURES:
        KeyFigure.objects.get_or_create(
            label=label,
            plan_period=demo.periods.get(period_slug),
            housing_area=demo.areas.get(area_slug),
            defaults={"value": value, "unit": unit, "as_of": as_of},
        )
