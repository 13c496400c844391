"""Loads the demo content. Idempotent: what exists (by its natural key) is left alone.

Leaving existing rows untouched, rather than overwriting them, means a second
run changes nothing and never undoes an editor's changes to demo pages.
"""

import datetime as dt
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, Page, Site

from documents.choices import DocumentKind
from documents.models import PlanDocument
from home.models import HomePage
from organisations.models import ContactPoint, GovernanceBody, Membership, Organisation, Person, Place, TargetGroup
from pages.models import (
    ActivityIndexPage,
    ActivityPage,
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

from . import facts
from .pdfs import demo_pdf

logger = logging.getLogger(__name__)


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


@transaction.atomic
def demo_content_load() -> dict[str, int]:
    """Create whatever part of the demo content is missing; return counts of what exists."""
    home = _home()
    plans = _publish_child(
        home,
        PlanPeriodIndexPage(title="Helhedsplanen", slug="helhedsplanen", intro=f"<p>{facts.LBF_RULE}</p>"),
    )
    areas_index = _publish_child(home, HousingAreaIndexPage(title="Boligområder", slug="boligomraader"))
    activities_index = _publish_child(home, ActivityIndexPage(title="Indsatser", slug="indsatser"))
    news_index = _publish_child(home, NewsIndexPage(title="Nyheder", slug="nyheder"))
    events_index = _publish_child(home, EventIndexPage(title="Arrangementer", slug="arrangementer"))
    library = _publish_child(home, DocumentLibraryPage(title="Dokumenter", slug="dokumenter"))

    orgs = {
        name: Organisation.objects.get_or_create(name=name, defaults={"kind": kind, "url": url})[0]
        for name, kind, url in facts.ORGANISATIONS
    }
    people = {
        name: Person.objects.get_or_create(name=name, defaults={"job_title": title, "organisation": orgs[org]})[0]
        for name, title, org in facts.PEOPLE
    }
    groups = {
        name: TargetGroup.objects.get_or_create(name=name, defaults={"age_min": lo, "age_max": hi})[0]
        for name, lo, hi in facts.TARGET_GROUPS
    }

    areas = {}
    for spec in facts.HOUSING_AREAS:
        page = HousingAreaPage(
            title=spec["title"],
            slug=spec["slug"],
            local_status_label=spec["local_status_label"],
            description=f"<p>{spec['description']}</p>",
            boundary_description=spec["boundary"],
        )
        if not areas_index.get_children().filter(slug=spec["slug"]).exists():
            page.housing_organisations = [orgs[name] for name in spec["organisations"]]
            page.departments = [
                Department(number=number, name=name, organisation=orgs.get(org) if org else None)
                for number, name, org in spec["departments"]
            ]
        areas[spec["slug"]] = _publish_child(areas_index, page)

    for name, address, postcode, area_slug in facts.PLACES:
        Place.objects.get_or_create(
            name=name, defaults={"address": address, "postcode": postcode, "housing_area": areas.get(area_slug)}
        )
    places = {place.name: place for place in Place.objects.all()}
    office, _ = ContactPoint.objects.get_or_create(
        name=facts.CONTACT_POINT["name"], defaults={"address": facts.CONTACT_POINT["address"]}
    )
    if home.office_id is None:
        home.office = office
        home.save_revision().publish()

    periods = {}
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
        if not plans.get_children().filter(slug=spec["slug"]).exists():
            page.housing_area_coverage = [
                PlanPeriodHousingArea(housing_area=areas[slug], coverage=coverage)
                for slug, coverage in spec["coverage"]
            ]
            page.approvals = [Approval(approved_by=b, approved_on=d, note=n) for b, d, n in spec["approvals"]]
        period = _publish_child(plans, page)
        periods[spec["slug"]] = period
        for title, theme in spec["focus_areas"]:
            _publish_child(period, FocusAreaPage(title=title, slug=_slug(title), lbf_theme=theme))

    for slug, funder, ftype, kind, amount, estimate, note in facts.FUNDING_LINES:
        FundingLine.objects.get_or_create(
            plan_period=periods[slug],
            funding_type=ftype,
            amount_kind=kind,
            amount_dkk=amount,
            defaults={"funder": orgs.get(funder), "is_estimate": estimate, "note": note},
        )

    documents = {}
    kind_labels = dict(DocumentKind.choices)
    root_collection = Collection.get_first_root_node()
    for title, kind, period_slug, published_on, description in facts.DOCUMENTS:
        document = PlanDocument.objects.filter(title=title).first()
        if document is None:
            period = periods.get(period_slug)
            pdf = demo_pdf(title=title, kind_label=kind_labels[kind], period_title=period.title if period else None)
            document = PlanDocument(
                title=title,
                kind=kind,
                plan_period=period,
                published_on=published_on,
                description=description,
                collection=root_collection,
                publisher=orgs["Bysekretariatet"],
            )
            document.file.save(f"{_slug(title)}.pdf", ContentFile(pdf), save=False)
            document.file_size = len(pdf)
            document.save()
        documents[title] = document
    for slug, period in periods.items():
        plan = PlanDocument.objects.filter(plan_period=period, kind=DocumentKind.PLAN).first()
        if plan and period.plan_document_id is None:
            period.plan_document = plan
            period.save_revision().publish()
        periods[slug] = period

    for period_slug, kind, name, members in facts.GOVERNANCE_BODIES:
        body, created = GovernanceBody.objects.get_or_create(
            plan_period=periods[period_slug],
            kind=kind,
            defaults={"name": name, "mandate": documents[facts.KOMMISSORIUM]},
        )
        if created:
            for order, (person, represents) in enumerate(members):
                Membership.objects.create(
                    body=body, person=people[person], represents=orgs[represents], sort_order=order
                )

    for area_slug, list_date, list_type, official_name, note in facts.CLASSIFICATIONS:
        AreaClassification.objects.get_or_create(
            housing_area=areas[area_slug],
            list_date=list_date,
            list_type=list_type,
            defaults={"official_area_name": official_name, "note": note},
        )

    for label, value, unit, as_of, period_slug, area_slug in facts.KEY_FIGURES:
        KeyFigure.objects.get_or_create(
            label=label,
            plan_period=periods.get(period_slug),
            housing_area=areas.get(area_slug),
            defaults={"value": value, "unit": unit, "as_of": as_of},
        )

    activities = {}
    for spec in facts.ACTIVITIES:
        page = ActivityPage(
            title=spec["title"],
            slug=spec["slug"],
            teaser=spec["teaser"],
            start_date=spec["start_date"],
            end_date=spec["end_date"],
        )
        if not activities_index.get_children().filter(slug=spec["slug"]).exists():
            page.focus_areas = [
                FocusAreaPage.objects.child_of(periods[period_slug]).get(title=title)
                for period_slug, title in spec["focus_areas"]
            ]
            page.housing_areas = [areas[slug] for slug in spec["housing_areas"]]
            page.target_groups = [groups[name] for name in spec["target_groups"]]
        activities[spec["slug"]] = _publish_child(activities_index, page)

    for activity_slug, funder, ftype, amount, note in facts.ACTIVITY_FUNDING:
        FundingLine.objects.get_or_create(
            activity=activities[activity_slug],
            funder=orgs[funder],
            funding_type=ftype,
            defaults={"amount_dkk": amount, "note": note},
        )

    for date, title, teaser, facebook, newsletter in facts.NEWS:
        _publish_child(
            news_index,
            NewsPage(
                title=title,
                slug=_slug(title),
                published_date=date,
                teaser=teaser,
                share_on_facebook=facebook,
                include_in_newsletter=newsletter,
            ),
            published_at=_aware(dt.datetime.combine(date, dt.time(9, 0))),
        )

    for slug, title, starts, time_known, place, teaser, facebook, newsletter in facts.EVENTS:
        starts_at = _aware(starts)
        _publish_child(
            events_index,
            EventPage(
                title=title,
                slug=slug,
                starts_at=starts_at,
                all_day=not time_known,
                place=places[place],
                teaser=teaser,
                share_on_facebook=facebook,
                include_in_newsletter=newsletter,
            ),
            published_at=starts_at - dt.timedelta(days=14),
        )

    for slug, title, kinds, auto_kind in facts.DOCUMENT_COLLECTIONS:
        page = DocumentCollectionPage(title=title, slug=slug, auto_kind=auto_kind or "")
        if not library.get_children().filter(slug=slug).exists():
            chosen = PlanDocument.objects.filter(kind__in=kinds).order_by("plan_period__path", "title")
            page.items = [DocumentCollectionItem(document=document) for document in chosen]
        _publish_child(library, page)

    return {
        "sider": Page.objects.count(),
        "dokumenter": PlanDocument.objects.count(),
        "organisationer": Organisation.objects.count(),
        "finansieringslinjer": FundingLine.objects.count(),
    }
