"""Reads for the API. Each returns rows with everything its consumers read prefetched.

Every function takes the request's `Visibility` so hidden content never leaves
here; the counts of SQL queries do not grow with the number of rows.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from functools import reduce
from operator import or_

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from wagtail.models import Page

from documents.models import PlanDocument
from organisations.models import GovernanceBody, Membership

from .models import (
    ActivityPage,
    AreaClassification,
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
        "focus_areas",
        "activities",
    }
)


def plan_periods_prefetched(
    visibility: Visibility, queryset: QuerySet, *, include: Collection[str] = PERIOD_RELATIONS
) -> list[PlanPeriodPage]:
    """Plan periods with the relations in `include` (default: all) prefetched.

    Callers that know what their consumer reads (the API looks ahead at the
    requested fields) pass only those, so a home page that shows a period's title
    and focus areas does not load its governance, funding and documents.
    """
    prefetches = {
        "approvals": lambda: "approvals",
        "housing_area_coverage": lambda: Prefetch(
            "housing_area_coverage",
            queryset=PlanPeriodHousingArea.objects.filter(visibility.pages_q("housing_area__")).select_related(
                "housing_area"
            ),
        ),
        "funding_lines": lambda: Prefetch(
            "funding_lines",
            queryset=FundingLine.objects.filter(live=True).select_related("funder").order_by("sort_order", "pk"),
        ),
        "governance_bodies": lambda: Prefetch(
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
        ),
        "documents": lambda: Prefetch("documents", queryset=_documents(visibility)),
    }
    periods = list(queryset.prefetch_related(*(make() for name, make in prefetches.items() if name in include)))
    if "focus_areas" in include:
        _attach_focus_areas(visibility, periods, with_activities="activities" in include)
    return periods


def _attach_focus_areas(visibility: Visibility, periods: list[PlanPeriodPage], *, with_activities: bool) -> None:
    if not periods:
        return
    by_parent: dict[str, list[FocusAreaPage]] = defaultdict(list)
    activities = Prefetch(
        "activities",
        queryset=visibility.pages(ActivityPage.objects.all())
        .order_by("title")
        .prefetch_related(
            "target_groups",
            Prefetch("housing_areas", queryset=visibility.pages(HousingAreaPage.objects.order_by("title"))),
        ),
    )
    under_periods = reduce(or_, (Q(path__startswith=period.path, depth=period.depth + 1) for period in periods))
    focus_areas = visibility.pages(FocusAreaPage.objects.filter(under_periods)).order_by("path")
    if with_activities:
        focus_areas = focus_areas.prefetch_related(activities)
    for focus_area in focus_areas:
        by_parent[focus_area.path[: -FocusAreaPage.steplen]].append(focus_area)
    for period in periods:
        period.visible_focus_areas = by_parent.get(period.path, [])


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


def housing_areas_prefetched(visibility: Visibility, queryset: QuerySet) -> list[HousingAreaPage]:
    return list(
        queryset.prefetch_related(
            "housing_organisations",
            Prefetch("classifications", queryset=AreaClassification.objects.order_by("-list_date", "list_type")),
            Prefetch(
                "period_coverage",
                queryset=PlanPeriodHousingArea.objects.filter(visibility.pages_q("page__"))
                .select_related("page")
                .order_by("-page__start_date"),
            ),
        )
    )


def housing_area_list(*, visibility: Visibility) -> list[HousingAreaPage]:
    return housing_areas_prefetched(visibility, visibility.pages(HousingAreaPage.objects.order_by("path")))


def housing_area_get(*, visibility: Visibility, slug: str) -> HousingAreaPage | None:
    areas = housing_areas_prefetched(visibility, visibility.pages(HousingAreaPage.objects.filter(slug=slug)))
    return areas[0] if areas else None


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
        queryset = queryset.filter(plan_periods__slug=plan_period)
    if housing_area:
        queryset = queryset.filter(housing_areas__slug=housing_area)
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
        queryset = queryset.filter(focus_areas__slug=focus_area)
    if housing_area:
        queryset = queryset.filter(housing_areas__slug=housing_area)
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
            "target_groups",
            Prefetch("housing_areas", queryset=visibility.pages(HousingAreaPage.objects.order_by("title"))),
            Prefetch("focus_areas", queryset=visibility.pages(FocusAreaPage.objects.order_by("path"))),
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
        queryset = queryset.filter(housing_areas__slug=housing_area)
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
        queryset = queryset.filter(plan_period__slug=plan_period)
    if published_from:
        queryset = queryset.filter(published_on__gte=published_from)
    if published_to:
        queryset = queryset.filter(published_on__lt=published_to)
    return queryset.select_related("plan_period").order_by(order, "title", "pk")


def document_collection_get(*, visibility: Visibility, slug: str) -> DocumentCollectionPage | None:
    page = visibility.pages(DocumentCollectionPage.objects.filter(slug=slug)).first()
    if page is None:
        return None
    page.visible_documents = document_collection_documents(visibility=visibility, page=page)
    return page


def document_collection_documents(*, visibility: Visibility, page: DocumentCollectionPage) -> list[PlanDocument]:
    """The page's chosen documents in the editor's order, then those its automatic rules add.

    Read from the page object itself, not looked up again: a preview shows its draft's
    items (held in memory by modelcluster), and two collections sharing a slug stay apart.
    """
    items = page.items.select_related("document").order_by("sort_order")
    chosen = [item.document for item in items if visibility.is_media_visible(item.document)]
    automatic: list[PlanDocument] = []
    if page.auto_kind or page.auto_plan_period_id:
        queryset = _documents(visibility)
        if page.auto_kind:
            queryset = queryset.filter(kind=page.auto_kind)
        if page.auto_plan_period_id:
            queryset = queryset.filter(plan_period_id=page.auto_plan_period_id)
        seen = {document.pk for document in chosen}
        automatic = [document for document in queryset if document.pk not in seen]
    return chosen + automatic


def page_by_path(*, visibility: Visibility, site_root: Page, url_path: str) -> Page | None:
    """The visible page at `url_path` on the site ("/nyheder/x/"), as the frontend routes."""
    path = "/" + "/".join(part for part in url_path.split("/") if part) + "/"
    if path == "//":
        path = "/"
    full = site_root.url_path.rstrip("/") + path
    page = visibility.pages(Page.objects.filter(url_path=full)).first()
    return page.specific if page else None
