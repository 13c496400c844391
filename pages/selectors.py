"""Reads for the API. Each returns rows with everything its consumers read prefetched.

Every function takes the request's `Visibility` so hidden content never leaves
here; the counts of SQL queries do not grow with the number of rows.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence
from functools import reduce
from operator import or_

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone
from wagtail.models import Page

from documents.models import PlanDocument
from organisations.models import GovernanceBody, Membership

from .models import (
    ActivityPage,
    AreaClassification,
    DocumentCollectionItem,
    DocumentCollectionPage,
    EventPage,
    FocusAreaPage,
    FundingLine,
    HousingAreaPage,
    NewsPage,
    PlanPeriodHousingArea,
    PlanPeriodPage,
)
from .visibility import Visibility


def _documents(visibility: Visibility) -> QuerySet:
    return visibility.media(PlanDocument.objects.select_related("collection")).order_by("-published_on", "title")


PERIOD_RELATIONS = frozenset(
    {
        "approvals",
        "housing_area_coverage",
        "funding_lines",
        "governance_bodies",
        "documents",
    }
)


def period_relation(visibility: Visibility, name: str) -> str | Prefetch:
    """How a plan period's relation `name` is loaded: only the rows an anonymous caller may see."""
    if name == "housing_area_coverage":
        return Prefetch(
            "housing_area_coverage",
            queryset=PlanPeriodHousingArea.objects.filter(visibility.pages_q("housing_area__")).select_related(
                "housing_area"
            ),
        )
    if name == "funding_lines":
        return Prefetch(
            "funding_lines",
            queryset=FundingLine.objects.filter(live=True).select_related("funder").order_by("sort_order", "pk"),
        )
    if name == "governance_bodies":
        return Prefetch(
            "governance_bodies",
            queryset=GovernanceBody.objects.filter(live=True)
            .order_by("sort_order", "name")
            .prefetch_related(
                Prefetch(
                    "memberships",
                    queryset=Membership.objects.filter(person__is_public=True).select_related(
                        "person__organisation", "represents"
                    ),
                )
            ),
        )
    if name == "documents":
        return Prefetch("documents", queryset=_documents(visibility))
    return name


def plan_periods_prefetched(
    visibility: Visibility, queryset: QuerySet, *, include: Collection[str] = PERIOD_RELATIONS
) -> list[PlanPeriodPage]:
    """Plan periods with the relations in `include` (default: all) prefetched.

    Callers that know what their consumer reads (the API looks ahead at the
    requested fields) pass only those, so a home page that shows a period's title
    does not load its governance, funding and documents. Focus areas and their
    activities are loaded by the API's loaders (`pages.relations`), for every
    period of a request at once.
    """
    relations = [period_relation(visibility, name) for name in sorted(PERIOD_RELATIONS & set(include))]
    return list(queryset.prefetch_related(*relations))


def activity_relation(visibility: Visibility, name: str) -> str | Prefetch:
    """How an activity's relation `name` is loaded: visible pages only, in a fixed order."""
    if name == "housing_areas":
        return Prefetch("housing_areas", queryset=visibility.pages(HousingAreaPage.objects.order_by("title")))
    if name == "focus_areas":
        return Prefetch("focus_areas", queryset=visibility.pages(FocusAreaPage.objects.order_by("path")))
    return name


def focus_area_activities(visibility: Visibility) -> Prefetch:
    return Prefetch("activities", queryset=visibility.pages(ActivityPage.objects.all()).order_by("title"))


def plan_period_list(*, visibility: Visibility, include: Collection[str] = PERIOD_RELATIONS) -> list[PlanPeriodPage]:
    """All visible periods, newest first."""
    queryset = visibility.pages(PlanPeriodPage.objects.all()).order_by("-start_date", "-pk")
    return plan_periods_prefetched(visibility, queryset, include=include)


def plan_period_get(
    *, visibility: Visibility, slug: str, include: Collection[str] = PERIOD_RELATIONS
) -> PlanPeriodPage | None:
    queryset = visibility.pages(PlanPeriodPage.objects.filter(slug=slug))
    periods = plan_periods_prefetched(visibility, queryset, include=include)
    return periods[0] if periods else None


def plan_period_current(
    *, visibility: Visibility, today: dt.date | None = None, include: Collection[str] = PERIOD_RELATIONS
) -> PlanPeriodPage | None:
    """The period in force today or, when none is, the most recent one that has started."""
    period_id = current_plan_period_id(visibility=visibility, today=today)
    if period_id is None:
        return None
    return plan_periods_prefetched(visibility, PlanPeriodPage.objects.filter(pk=period_id), include=include)[0]


def current_plan_period_id(*, visibility: Visibility, today: dt.date | None = None) -> int | None:
    today = today or timezone.localdate()
    started = visibility.pages(PlanPeriodPage.objects.filter(start_date__lte=today)).order_by("-start_date", "-pk")
    period = started.exclude(end_date__lt=today).first() or started.first()
    return period.pk if period else None


HOUSING_AREA_RELATIONS = ("housing_organisations", "classifications", "period_coverage")


def housing_area_relation(visibility: Visibility, name: str) -> str | Prefetch:
    """How a housing area's relation `name` is loaded: visible plan periods only, newest first."""
    if name == "classifications":
        return Prefetch("classifications", queryset=AreaClassification.objects.order_by("-list_date", "list_type"))
    if name == "period_coverage":
        return Prefetch(
            "period_coverage",
            queryset=PlanPeriodHousingArea.objects.filter(visibility.pages_q("page__"))
            .select_related("page")
            .order_by("-page__start_date"),
        )
    return name


def housing_areas_prefetched(visibility: Visibility, queryset: QuerySet) -> list[HousingAreaPage]:
    return list(queryset.prefetch_related(*(housing_area_relation(visibility, n) for n in HOUSING_AREA_RELATIONS)))


def housing_area_list(*, visibility: Visibility) -> list[HousingAreaPage]:
    return housing_areas_prefetched(visibility, visibility.pages(HousingAreaPage.objects.order_by("path")))


def housing_area_get(*, visibility: Visibility, slug: str) -> HousingAreaPage | None:
    areas = housing_areas_prefetched(visibility, visibility.pages(HousingAreaPage.objects.filter(slug=slug)))
    return areas[0] if areas else None


def _visible_by_slug(visibility: Visibility, model: type[Page], slug: str) -> QuerySet:
    """The visible pages with a filter's slug, as a subquery: a hidden page's slug filters
    exactly like a slug that does not exist, so a guess cannot be confirmed."""
    return visibility.pages(model.objects.filter(slug=slug)).values("pk")


def news_list(
    *,
    visibility: Visibility,
    published_from: dt.datetime | None = None,
    published_to: dt.datetime | None = None,
    plan_period: str | None = None,
    housing_area: str | None = None,
    order: str = "-published_date",
) -> QuerySet:
    queryset = visibility.pages(NewsPage.objects.all())
    if published_from:
        queryset = queryset.filter(first_published_at__gte=published_from)
    if published_to:
        queryset = queryset.filter(first_published_at__lt=published_to)
    if plan_period:
        queryset = queryset.filter(plan_periods__in=_visible_by_slug(visibility, PlanPeriodPage, plan_period))
    if housing_area:
        queryset = queryset.filter(housing_areas__in=_visible_by_slug(visibility, HousingAreaPage, housing_area))
    return queryset.order_by(order, "-pk").defer_streamfields()


def activity_list(
    *,
    visibility: Visibility,
    plan_period: str | None = None,
    focus_area: str | None = None,
    housing_area: str | None = None,
    target_group: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    order: str = "title",
) -> QuerySet:
    """Visible activities, filtered; their target groups, housing areas and focus areas prefetched."""
    queryset = visibility.pages(ActivityPage.objects.all())
    if plan_period:
        period = visibility.pages(PlanPeriodPage.objects.filter(slug=plan_period)).first()
        if period is None:
            return queryset.none()
        queryset = queryset.filter(focus_areas__path__startswith=period.path)
    if focus_area:
        queryset = queryset.filter(focus_areas__in=_visible_by_slug(visibility, FocusAreaPage, focus_area))
    if housing_area:
        queryset = queryset.filter(housing_areas__in=_visible_by_slug(visibility, HousingAreaPage, housing_area))
    if target_group:
        queryset = queryset.filter(target_groups__name=target_group)
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    # The many-to-many filters can match an activity more than once.
    ids = queryset.values("pk").distinct()
    return (
        ActivityPage.objects.filter(pk__in=ids)
        .order_by(order, "pk")
        .defer_streamfields()
        .prefetch_related(
            *(activity_relation(visibility, name) for name in ("target_groups", "housing_areas", "focus_areas"))
        )
    )


def event_list(
    *,
    visibility: Visibility,
    starts_from: dt.datetime | None = None,
    starts_to: dt.datetime | None = None,
    housing_area: str | None = None,
    order: str = "starts_at",
) -> QuerySet:
    queryset = visibility.pages(EventPage.objects.all()).select_related("place")
    if starts_from is None and starts_to is None:
        starts_from = timezone.now()  # upcoming events by default
    if starts_from:
        queryset = queryset.filter(starts_at__gte=starts_from)
    if starts_to:
        queryset = queryset.filter(starts_at__lt=starts_to)
    if housing_area:
        queryset = queryset.filter(housing_areas__in=_visible_by_slug(visibility, HousingAreaPage, housing_area))
    return queryset.order_by(order, "pk").defer_streamfields()


def document_list(
    *,
    visibility: Visibility,
    kind: str | None = None,
    plan_period: str | None = None,
    published_from: dt.date | None = None,
    published_to: dt.date | None = None,
    order: str = "-published_on",
) -> QuerySet:
    queryset = visibility.media(PlanDocument.objects.all())
    if kind:
        queryset = queryset.filter(kind=kind)
    if plan_period:
        queryset = queryset.filter(plan_period__in=_visible_by_slug(visibility, PlanPeriodPage, plan_period))
    if published_from:
        queryset = queryset.filter(published_on__gte=published_from)
    if published_to:
        queryset = queryset.filter(published_on__lt=published_to)
    return queryset.select_related("plan_period").order_by(order, "title", "pk")


def document_collection_get(*, visibility: Visibility, slug: str) -> DocumentCollectionPage | None:
    return visibility.pages(DocumentCollectionPage.objects.filter(slug=slug)).first()


def document_collections_documents(
    *, visibility: Visibility, pages: Sequence[DocumentCollectionPage]
) -> list[list[PlanDocument]]:
    """Each page's chosen documents in the editor's order, then those its automatic rules add.

    Read from the page objects themselves, not looked up again: a preview shows its draft's
    items (held in memory by modelcluster), and two collections sharing a slug stay apart.
    Two queries for any number of pages: the chosen items, and the automatic rules OR'ed.
    """
    stored = [page for page in pages if "items" not in getattr(page, "_cluster_related_objects", {})]
    prefetch_related_objects(
        stored,
        Prefetch(
            "items", queryset=DocumentCollectionItem.objects.select_related("document").order_by("sort_order", "pk")
        ),
    )
    rules = {(page.auto_kind, page.auto_plan_period_id) for page in pages if page.auto_kind or page.auto_plan_period_id}
    automatic: dict[tuple, list[PlanDocument]] = defaultdict(list)
    if rules:
        matches = [
            Q(**{key: value for key, value in (("kind", kind), ("plan_period_id", period)) if value})
            for kind, period in sorted(rules, key=str)
        ]
        for document in _documents(visibility).filter(reduce(or_, matches)):
            for kind, period in rules:
                if (not kind or document.kind == kind) and (not period or document.plan_period_id == period):
                    automatic[(kind, period)].append(document)
    answers = []
    for page in pages:
        items = sorted(page.items.all(), key=lambda item: item.sort_order or 0)
        chosen = [item.document for item in items if visibility.is_media_visible(item.document)]
        seen = {document.pk for document in chosen}
        rule = (page.auto_kind, page.auto_plan_period_id)
        answers.append(chosen + [document for document in automatic.get(rule, ()) if document.pk not in seen])
    return answers


def page_by_path(*, visibility: Visibility, site_root: Page, url_path: str) -> Page | None:
    """The visible page at `url_path` on the site ("/nyheder/x/"), as the frontend routes."""
    path = "/" + "/".join(part for part in url_path.split("/") if part) + "/"
    if path == "//":
        path = "/"
    full = site_root.url_path.rstrip("/") + path
    page = visibility.pages(Page.objects.filter(url_path=full)).first()
    return page.specific if page else None
