"""What every demo step shares: the record of what exists so far, and adding a page once."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from documents.models import PlanDocument, PlanImage
from home.models import HomePage
from organisations.models import Organisation, Person, Place, TargetGroup
from pages.models import ActivityPage, HousingAreaPage, PlanPeriodPage


@dataclass
class Demo:
    """What the steps have made so far, by natural key, for the steps after them."""

    home: HomePage
    indexes: dict[str, Page] = field(default_factory=dict)
    orgs: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    groups: dict[str, TargetGroup] = field(default_factory=dict)
    areas: dict[str, HousingAreaPage] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    periods: dict[str, PlanPeriodPage] = field(default_factory=dict)
    documents: dict[str, PlanDocument] = field(default_factory=dict)
    activities: dict[str, ActivityPage] = field(default_factory=dict)
    images: dict[str, PlanImage] = field(default_factory=dict)


def publish_child(parent: Page, page: Page, *, published_at: dt.datetime | None = None) -> Page:
    """Add and publish `page` under `parent` unless a page with its slug is already there."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    if published_at is not None:
        # Demo news keeps its real date, so the publishing jobs do not treat it as new.
        type(page).objects.filter(pk=page.pk).update(first_published_at=published_at, last_published_at=published_at)
        page.refresh_from_db()
    return page


def danish_slug(title: str) -> str:
    """ASCII slugs with Danish letters spelled out, as Danes write them in URLs."""
    return slugify(title.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))


def aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def image_for(demo: Demo, keys: list[str], position: int) -> PlanImage:
    return demo.images[keys[position % len(keys)]]
