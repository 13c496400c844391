"""Loads the demo content. Idempotent: what exists (by its natural key) is left alone.

Leaving existing rows untouched, rather than overwriting them, means a second
run changes nothing and never undoes an editor's changes to demo pages. The
one exception keeps the demo useful over time: when every example event has
passed, the examples move ahead again (see `_example_events`).

One step per part of the content model, run in order by `demo_content_load`.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, CollectionViewRestriction, Page, Site
from wagtail.rich_text import RichText

from documents.choices import DocumentKind
from documents.models import PlanDocument, PlanImage
from documents.renditions import ALL_SPECS
from home.models import HomePage, SiteSettings
from organisations.models import ContactPoint, GovernanceBody, Membership, Organisation, Person, Place, TargetGroup
from pages.models import (
    ActivityIndexPage,
    ActivityPage,
    ActivityPartner,
    Approval,
    AreaClassification,
    Department,
    DocumentCollectionItem,
    DocumentCollectionPage,
    DocumentLibraryPage,
    EventIndexPage,
    EventPage,
    FocusAreaPage,
    FundingLine,
    HousingAreaIndexPage,
    HousingAreaPage,
    KeyFigure,
    NewsIndexPage,
    NewsPage,
    PlanPeriodHousingArea,
    PlanPeriodIndexPage,
    PlanPeriodPage,
)

from . import examples, facts
from .images import CREDIT, HEIGHT, WIDTH, Illustration, illustration_png
from .pdfs import demo_pdf

logger = logging.getLogger(__name__)


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


def _publish_child(parent: Page, page: Page, *, published_at: dt.datetime | None = None) -> Page:
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


def _slug(title: str) -> str:
    """ASCII slugs with Danish letters spelled out, as Danes write them in URLs."""
    return slugify(title.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _image_for(demo: Demo, keys: list[str], position: int) -> PlanImage:
    return demo.images[keys[position % len(keys)]]


def _home() -> HomePage:
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        # Wagtail's own migration leaves a "Welcome" page; the demo site replaces it.
        for page in root.get_children().exact_type(Page):
            if not page.get_children().exists():
                page.delete()
        home = HomePage(
            title="Boligsocial helhedsplan i Randers",
            slug="forside",
            hero_title="Boligsocial helhedsplan i Randers",
            hero_intro=f"<p>{facts.VISION}</p><p>{facts.LBF_RULE}</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Helhedsplan"
        )
    else:
        site.root_page = home
        site.save()
    return home


def _indexes(demo: Demo) -> None:
    for key, page in [
        ("plans", PlanPeriodIndexPage(title="Helhedsplanen", slug="helhedsplanen", intro=f"<p>{facts.LBF_RULE}</p>")),
        ("areas", HousingAreaIndexPage(title="Boligområder", slug="boligomraader")),
        ("activities", ActivityIndexPage(title="Indsatser", slug="indsatser")),
        ("news", NewsIndexPage(title="Nyheder", slug="nyheder")),
        ("events", EventIndexPage(title="Arrangementer", slug="arrangementer")),
        ("library", DocumentLibraryPage(title="Dokumenter", slug="dokumenter")),
    ]:
        demo.indexes[key] = _publish_child(demo.home, page)


def _illustrations(demo: Demo) -> None:
    """The drawn illustrations, each with the named renditions the API serves."""
    root_collection = Collection.get_first_root_node()
    for key, illustration in examples.ILLUSTRATIONS.items():
        demo.images[key] = _illustration(illustration, root_collection)


def _illustration(illustration: Illustration, collection: Collection) -> PlanImage:
    title = f"Illustration: {illustration.subject}"
    image = PlanImage.objects.filter(title=title).first()
    if image is None:
        png = illustration_png(illustration)
        image = PlanImage(
            title=title,
            description=illustration.alt_text,
            credit=CREDIT,
            collection=collection,
        )
        image.file.save(f"illustration-{illustration.key}.png", ContentFile(png), save=False)
        image.width, image.height, image.file_size = WIDTH, HEIGHT, len(png)
        image.save()
    # Read the renditions from the database, not Wagtail's rendition cache, which may remember
    # rows of a database that no longer has them (a dropped test database, a restored backup).
    image = PlanImage.objects.prefetch_related("renditions").get(pk=image.pk)
    image.get_renditions(*ALL_SPECS)  # made once; found again on the next run
    return image


def _organisations_people_groups(demo: Demo) -> None:
    demo.orgs = {
        name: Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "url": url})[0]
        for name, kind, url in facts.ORGANISATIONS
    }
    demo.people = {
        name: Person.objects.get_or_create(name=name, defaults={"job_title": title, "organisation": demo.orgs[org]})[0]
        for name, title, org in facts.PEOPLE
    }
    demo.groups = {
        name: TargetGroup.objects.get_or_create(name=name, defaults={"age_min": lo, "age_max": hi})[0]
        for name, lo, hi in facts.TARGET_GROUPS
    }


def _housing_areas(demo: Demo) -> None:
    index = demo.indexes["areas"]
    for position, spec in enumerate(facts.HOUSING_AREAS):
        page = HousingAreaPage(
            title=spec["title"],
            slug=spec["slug"],
            local_status_label=spec["local_status_label"],
            description=f"<p>{spec['description']}</p>",
            boundary_description=spec["boundary"],
            listing_image=_image_for(demo, examples.AREA_IMAGES, position),
        )
        if not index.get_children().filter(slug=spec["slug"]).exists():
            page.housing_organisations = [demo.orgs[name] for name in spec["organisations"]]
            page.departments = [
                Department(number=number, name=name, organisation=demo.orgs.get(org) if org else None)
                for number, name, org in spec["departments"]
            ]
        demo.areas[spec["slug"]] = _publish_child(index, page)


def _places_and_office(demo: Demo) -> None:
    for name, address, postcode, area_slug in facts.PLACES:
        Place.objects.get_or_create(
            name=name, defaults={"address": address, "postcode": postcode, "housing_area": demo.areas.get(area_slug)}
        )
    demo.places = {place.name: place for place in Place.objects.all()}
    office, _ = ContactPoint.objects.get_or_create(
        name=facts.CONTACT_POINT["name"], defaults={"address": facts.CONTACT_POINT["address"]}
    )
    if demo.home.office_id is None:
        demo.home.office = office
        demo.home.save_revision().publish()


def _plan_periods(demo: Demo) -> None:
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
        period = _publish_child(index, page)
        demo.periods[spec["slug"]] = period
        for position, (title, theme) in enumerate(spec["focus_areas"]):
            image = _image_for(demo, examples.FOCUS_AREA_IMAGES, position)
            _publish_child(period, FocusAreaPage(title=title, slug=_slug(title), lbf_theme=theme, listing_image=image))


def _period_funding(demo: Demo) -> None:
    """Only the amounts a source gives (2009-13); 2021-25 has none published, so it has none here."""
    for slug, funder, ftype, kind, amount, estimate, note in facts.FUNDING_LINES:
        FundingLine.objects.get_or_create(
            plan_period=demo.periods[slug],
            funding_type=ftype,
            amount_kind=kind,
            amount_dkk=amount,
            defaults={"funder": demo.orgs.get(funder), "is_estimate": estimate, "note": note},
        )


def _documents(demo: Demo) -> None:
    kind_labels = dict(DocumentKind.choices)
    root_collection = Collection.get_first_root_node()
    for title, kind, period_slug, published_on, description in facts.DOCUMENTS:
        period = demo.periods.get(period_slug)
        demo.documents[title] = _document(
            title=title,
            kind_label=kind_labels[kind],
            period=period,
            collection=root_collection,
            kind=kind,
            published_on=published_on,
            description=description,
            publisher=demo.orgs["Bysekretariatet"],
        )
    for period in demo.periods.values():
        plan = PlanDocument.objects.filter(plan_period=period, kind=DocumentKind.PLAN).first()
        if plan and period.plan_document_id is None:
            period.plan_document = plan
            period.save_revision().publish()


def _document(*, title: str, kind_label: str, period: PlanPeriodPage | None, **fields) -> PlanDocument:
    document = PlanDocument.objects.filter(title=title).first()
    if document is None:
        pdf = demo_pdf(title=title, kind_label=kind_label, period_title=period.title if period else None)
        document = PlanDocument(title=title, plan_period=period, **fields)
        document.file.save(f"{_slug(title)}.pdf", ContentFile(pdf), save=False)
        document.file_size = len(pdf)
        document.save()
    return document


def _private_collection(demo: Demo) -> None:
    """A collection only logged-in staff of the board's group may open, with one internal document."""
    root_collection = Collection.get_first_root_node()
    collection = root_collection.get_children().filter(name=examples.PRIVATE_COLLECTION).first()
    if collection is None:
        collection = root_collection.add_child(name=examples.PRIVATE_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get_or_create(name="Bestyrelsen")[0]])
    spec = examples.INTERNAL_DOCUMENT
    _document(
        title=spec["title"],
        kind_label=dict(DocumentKind.choices)[spec["kind"]],
        period=demo.periods["helhedsplanen-2021-2025"],
        collection=collection,
        kind=spec["kind"],
        audience=spec["audience"],
        description=spec["description"],
        publisher=demo.orgs["Bysekretariatet"],
    )


def _governance(demo: Demo) -> None:
    for period_slug, kind, name, members in facts.GOVERNANCE_BODIES:
        body, created = GovernanceBody.objects.get_or_create(
            plan_period=demo.periods[period_slug],
            kind=kind,
            defaults={"name": name, "mandate": demo.documents[facts.KOMMISSORIUM]},
        )
        if created:
            for order, (person, represents) in enumerate(members):
                Membership.objects.create(
                    body=body, person=demo.people[person], represents=demo.orgs[represents], sort_order=order
                )
    for period_slug, kind, name, description in examples.GOVERNANCE_2021_25:
        GovernanceBody.objects.get_or_create(
            plan_period=demo.periods[period_slug], kind=kind, defaults={"name": name, "description": description}
        )


def _classifications_and_key_figures(demo: Demo) -> None:
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


def _activities(demo: Demo) -> None:
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
        demo.activities[spec["slug"]] = _publish_child(index, page)
    for activity_slug, funder, ftype, amount, note in facts.ACTIVITY_FUNDING:
        FundingLine.objects.get_or_create(
            activity=demo.activities[activity_slug],
            funder=demo.orgs[funder],
            funding_type=ftype,
            defaults={"amount_dkk": amount, "note": note},
        )


def _news(demo: Demo) -> None:
    index = demo.indexes["news"]
    items = [(date, title, teaser, facebook, newsletter) for date, title, teaser, facebook, newsletter in facts.NEWS]
    items += [(date, title, examples.EXAMPLE_NOTE, False, False) for date, title in examples.EXAMPLE_NEWS]
    for position, (date, title, teaser, facebook, newsletter) in enumerate(items):
        image = _image_for(demo, examples.NEWS_IMAGES, position)
        _publish_child(
            index,
            NewsPage(
                title=title,
                slug=_slug(title),
                published_date=date,
                teaser=teaser,
                # The body says no more than the teaser; the drawing shows the image block.
                body=[
                    ("paragraph", RichText(f"<p>{teaser}</p>")),
                    ("image", {"image": image, "caption": "Illustration", "alt_text": ""}),
                ],
                share_on_facebook=facebook,
                include_in_newsletter=newsletter,
                listing_image=image,
            ),
            published_at=_aware(dt.datetime.combine(date, dt.time(9, 0))),
        )


def _events(demo: Demo) -> None:
    index = demo.indexes["events"]
    for position, (slug, title, starts, time_known, place, teaser, facebook, newsletter) in enumerate(facts.EVENTS):
        starts_at = _aware(starts)
        _publish_child(
            index,
            EventPage(
                title=title,
                slug=slug,
                starts_at=starts_at,
                all_day=not time_known,
                place=demo.places[place],
                teaser=teaser,
                share_on_facebook=facebook,
                include_in_newsletter=newsletter,
                listing_image=_image_for(demo, examples.EVENT_IMAGES, position),
            ),
            published_at=starts_at - dt.timedelta(days=14),
        )
    _example_events(demo)


def _example_events(demo: Demo) -> None:
    """Examples dated from the day of loading; when all have passed, they move ahead again."""
    index = demo.indexes["events"]
    today = timezone.localdate()
    slugs = [slug for slug, *_ in examples.EXAMPLE_EVENTS]
    existing = EventPage.objects.child_of(index).filter(slug__in=slugs)
    move = existing.exists() and not existing.filter(starts_at__gte=timezone.now()).exists()
    for position, (slug, title, days, hour, place) in enumerate(examples.EXAMPLE_EVENTS):
        starts_at = _aware(dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour, 0)))
        page = existing.filter(slug=slug).first()
        if page is None:
            _publish_child(
                index,
                EventPage(
                    title=title,
                    slug=slug,
                    starts_at=starts_at,
                    ends_at=starts_at + dt.timedelta(hours=2),
                    place=demo.places[place],
                    teaser=examples.EXAMPLE_EVENT_TEASER,
                    listing_image=_image_for(demo, examples.EVENT_IMAGES, position),
                ),
            )
        elif move:
            page.starts_at, page.ends_at = starts_at, starts_at + dt.timedelta(hours=2)
            page.save_revision().publish()


def _document_collections(demo: Demo) -> None:
    library = demo.indexes["library"]
    for slug, title, kinds, auto_kind in facts.DOCUMENT_COLLECTIONS:
        page = DocumentCollectionPage(title=title, slug=slug, auto_kind=auto_kind or "")
        if not library.get_children().filter(slug=slug).exists():
            chosen = PlanDocument.objects.filter(kind__in=kinds).order_by("plan_period__path", "title")
            page.items = [DocumentCollectionItem(document=document) for document in chosen]
        _publish_child(library, page)


def _home_features(demo: Demo) -> None:
    """The home page features a period, an activity and a news item; once, so editors' choices stay."""
    if demo.home.featured.raw_data:
        return
    featured = []
    for index_slug, slug in examples.FEATURED:
        page = Page.objects.filter(slug=slug, path__startswith=demo.home.path, depth=demo.home.depth + 2).first()
        if page is not None and page.get_parent().slug == index_slug:
            featured.append(("page", page))
    demo.home.featured = featured
    demo.home.save_revision().publish()


def _site_settings(demo: Demo) -> None:
    """The settings row, so editors find it filled in; no contact details or links are invented."""
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.get_or_create(site=site, defaults={"organisation_name": "Bysekretariatet"})


STEPS = [
    _indexes,
    _illustrations,
    _organisations_people_groups,
    _housing_areas,
    _places_and_office,
    _plan_periods,
    _period_funding,
    _documents,
    _private_collection,
    _governance,
    _classifications_and_key_figures,
    _activities,
    _news,
    _events,
    _document_collections,
    _home_features,
    _site_settings,
]


@transaction.atomic
def demo_content_load() -> dict[str, int]:
    """Create whatever part of the demo content is missing; return counts of what exists."""
    demo = Demo(home=_home())
    for step in STEPS:
        step(demo)
    return {
        "sider": Page.objects.count(),
        "dokumenter": PlanDocument.objects.count(),
        "billeder": PlanImage.objects.count(),
        "organisationer": Organisation.objects.count(),
        "finansieringslinjer": FundingLine.objects.count(),
    }
