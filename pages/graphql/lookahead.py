"""Loads, for a whole list at once, the relations the client asked for below it.

Selectors return the rows; this looks ahead at the requested fields and loads each
requested relation for every row in one query (`prefetch_related_objects`), and the
listing images with their named renditions (pages.images). Root lists call
`load_requested` themselves; nested lists loaded by a loader (a period's focus areas,
a focus area's activities) are given their lookups in the loader's batch, so each
level is loaded once for the whole level. Relations nobody asked
for cost nothing, and no count grows with the list's length.
"""

from collections.abc import Callable, Iterable

from django.db.models import Prefetch, prefetch_related_objects

from api.toolkit.context import visibility_of
from api.toolkit.fields import requested_fields

from ..images import listing_images_attach
from ..models import FundingLine, HousingAreaPage, PlanPeriodPage
from ..visibility import Visibility

# GraphQL field -> the lookups that load it, per type of row.
Lookups = dict[str, Callable[[Visibility], list]]

NEWS: Lookups = {
    "planPeriods": lambda v: [
        Prefetch("plan_periods", queryset=v.pages(PlanPeriodPage.objects.order_by("-start_date")))
    ],
    "housingAreas": lambda v: [Prefetch("housing_areas", queryset=v.pages(HousingAreaPage.objects.order_by("title")))],
    "pdfVersion": lambda v: ["pdf_version"],
}
EVENTS: Lookups = {
    "housingAreas": NEWS["housingAreas"],
    "organisers": lambda v: ["organisers"],
    "targetGroups": lambda v: ["target_groups"],
}
ACTIVITIES: Lookups = {
    "organiser": lambda v: ["organiser"],
    "contact": lambda v: ["contact"],
    "place": lambda v: ["place"],
    "partners": lambda v: ["partners__organisation"],
    "fundingLines": lambda v: [
        Prefetch("funding_lines", queryset=FundingLine.objects.filter(live=True).select_related("funder"))
    ],
}
HOUSING_AREAS: Lookups = {
    "departments": lambda v: ["departments__organisation"],
    "keyFigures": lambda v: ["key_figures"],
    "classifications": lambda v: ["classifications__criteria_met"],
    "currentClassification": lambda v: ["classifications__criteria_met"],
}
PERIODS: Lookups = {"keyFigures": lambda v: ["key_figures"]}
# A period's focus areas and their activities are loaded level by level by the loaders
# (`pages.graphql.loading`), which apply these to each batch they load.
FOCUS_AREAS: Lookups = {}
DOCUMENTS: Lookups = {"publisher": lambda v: ["publisher"]}


def load_requested(info, items: Iterable, lookups: Lookups, *path: str) -> list:
    """Load the relations (and the image) requested below `path` for every item; return the items."""
    items = list(items)
    if not items:
        return items
    visibility = visibility_of(info)
    fields = requested_fields(info, *path)
    wanted = [lookup for name, make in lookups.items() if name in fields for lookup in make(visibility)]
    if wanted:
        prefetch_related_objects(items, *_unique(wanted))
    if "image" in fields:
        listing_images_attach(items=items, visibility=visibility)
    return items


def _unique(lookups: list) -> list:
    seen, kept = set(), []
    for lookup in lookups:
        key = lookup if isinstance(lookup, str) else lookup.prefetch_to
        if key not in seen:
            seen.add(key)
            kept.append(lookup)
    return kept
