"""Loads the demo content. Idempotent: what exists (by its natural key) is left alone.

Leaving existing rows untouched, rather than overwriting them, means a second
run changes nothing and never undoes an editor's changes to demo pages. The
one exception keeps the demo useful over time: when every example event has
passed, the examples move ahead again (see `news_events._example_events`).

One step per part of the content model, each in the module of that part, run in
the order of `STEPS`: a step reads what the steps before it recorded in `Demo`.
"""

from collections.abc import Callable

from django.db import transaction
from wagtail.models import Page

from documents.models import PlanDocument, PlanImage
from organisations.models import Organisation
from pages.models import FundingLine

from . import activities, areas, library, news_events, people, plans, site_tree
from .state import Demo

STEPS: list[Callable[[Demo], None]] = [
    site_tree.indexes,
    library.illustrations,
    people.organisations_people_groups,
    areas.housing_areas,
    people.places_and_office,
    plans.plan_periods,
    plans.period_funding,
    library.documents,
    library.private_collection,
    people.governance,
    areas.classifications_and_key_figures,
    activities.activities,
    news_events.news,
    news_events.events,
    library.document_collections,
    site_tree.home_features,
    site_tree.site_settings,
]


@transaction.atomic
def demo_content_load() -> dict[str, int]:
    """Create whatever part of the demo content is missing; return counts of what exists."""
    demo = Demo(home=site_tree.home_page())
    for step in STEPS:
        step(demo)
    return {
        "sider": Page.objects.count(),
        "dokumenter": PlanDocument.objects.count(),
        "billeder": PlanImage.objects.count(),
        "organisationer": Organisation.objects.count(),
        "finansieringslinjer": FundingLine.objects.count(),
    }
