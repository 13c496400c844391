"""Root query fields for pages and documents. Thin: parse arguments, call a selector."""

import datetime as dt

import graphene
from django.utils import timezone
from graphql import GraphQLError

from api.toolkit.context import context_of, listed, visibility_of
from api.toolkit.fields import requested_fields
from api.toolkit.pagination import Pagination, paginate
from api.toolkit.sizes import MAX_LIST_LIMIT, MAX_PER_PAGE, size_check
from documents.graphql import DocumentType

from .. import selectors
from ..preview import PreviewError, preview_page_get
from . import lookahead
from .types import (
    ActivityKindEnum,
    ActivityPageType,
    ActivityStatusEnum,
    DocumentCollectionPageType,
    EventPageType,
    HousingAreaPageType,
    NewsPageType,
    PageInterface,
    PlanPeriodPageType,
)

NewsOrder = graphene.Enum("NewsOrder", [("NEWEST_FIRST", "-published_date"), ("OLDEST_FIRST", "published_date")])
EventOrder = graphene.Enum("EventOrder", [("SOONEST_FIRST", "starts_at"), ("LATEST_FIRST", "-starts_at")])
DocumentOrder = graphene.Enum(
    "DocumentOrder",
    [("NEWEST_FIRST", "-published_on"), ("OLDEST_FIRST", "published_on"), ("TITLE", "title")],
)


def _check_page(page: int, per_page: int) -> None:
    if page < 1:
        raise GraphQLError("page skal være 1 eller større.")
    size_check("perPage", per_page, maximum=MAX_PER_PAGE)


# GraphQL fields of a plan period -> the relation each one reads (see selectors.plan_periods_prefetched).
PERIOD_FIELD_RELATIONS = {
    "approvals": "approvals",
    "housingAreaCoverage": "housing_area_coverage",
    "fundingLines": "funding_lines",
    "totalFundingDkk": "funding_lines",
    "localCofinancingShare": "funding_lines",
    "governanceBodies": "governance_bodies",
    "documents": "documents",
}


def _period_relations(info) -> frozenset[str]:
    """The relations the requested plan-period fields read, so nothing else is loaded."""
    return frozenset(PERIOD_FIELD_RELATIONS[name] for name in requested_fields(info) if name in PERIOD_FIELD_RELATIONS)


def _listed_page(info, queryset, *, page: int, per_page: int) -> dict:
    """One page of a list, its items grouped for the loaders."""
    answer = paginate(queryset, page=page, per_page=per_page)
    answer["items"] = listed(info, answer["items"])
    return answer


def _order(value, default: str) -> str:
    return getattr(value, "value", value) or default


ActivityOrder = graphene.Enum("ActivityOrder", [("TITLE", "title"), ("NEWEST_START", "-start_date")])


class ActivityPageList(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(ActivityPageType), required=True)
    pagination = graphene.Field(Pagination, required=True)


class NewsPageList(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(NewsPageType), required=True)
    pagination = graphene.Field(Pagination, required=True)


class DocumentList(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(DocumentType), required=True)
    pagination = graphene.Field(Pagination, required=True)


class PagesQuery(graphene.ObjectType):
    current_plan_period = graphene.Field(
        PlanPeriodPageType, description="The period in force today or, when none is, the most recent that has started."
    )
    plan_periods = graphene.List(graphene.NonNull(PlanPeriodPageType), required=True, description="Newest first.")
    plan_period = graphene.Field(PlanPeriodPageType, slug=graphene.String(required=True))
    housing_areas = graphene.List(graphene.NonNull(HousingAreaPageType), required=True)
    housing_area = graphene.Field(HousingAreaPageType, slug=graphene.String(required=True))
    news_items = graphene.Field(
        NewsPageList,
        required=True,
        page=graphene.Int(default_value=1),
        per_page=graphene.Int(default_value=10),
        published_from=graphene.DateTime(),
        published_to=graphene.DateTime(),
        plan_period=graphene.String(description="Slug of a plan period."),
        housing_area=graphene.String(description="Slug of a housing area."),
        order=graphene.Argument(NewsOrder, default_value=NewsOrder.NEWEST_FIRST.value),
    )
    activities = graphene.Field(
        ActivityPageList,
        required=True,
        page=graphene.Int(default_value=1),
        per_page=graphene.Int(default_value=20),
        plan_period=graphene.String(description="Slug of a plan period: activities under its focus areas."),
        focus_area=graphene.String(description="Slug of a focus area."),
        housing_area=graphene.String(description="Slug of a housing area."),
        target_group=graphene.String(description="Name of a target group."),
        status=graphene.Argument(ActivityStatusEnum),
        kind=graphene.Argument(ActivityKindEnum),
        order=graphene.Argument(ActivityOrder, default_value=ActivityOrder.TITLE.value),
    )
    events = graphene.List(
        graphene.NonNull(EventPageType),
        required=True,
        limit=graphene.Int(default_value=10),
        from_=graphene.DateTime(name="from", description="Default: now (upcoming events)."),
        to=graphene.DateTime(),
        housing_area=graphene.String(description="Slug of a housing area."),
        order=graphene.Argument(EventOrder, default_value=EventOrder.SOONEST_FIRST.value),
    )
    documents = graphene.Field(
        DocumentList,
        required=True,
        kind=graphene.String(description="A DocumentKind name, e.g. RESULT_EVALUATION."),
        plan_period=graphene.String(description="Slug of a plan period."),
        published_from=graphene.DateTime(),
        published_to=graphene.DateTime(),
        page=graphene.Int(default_value=1),
        per_page=graphene.Int(default_value=20),
        order=graphene.Argument(DocumentOrder, default_value=DocumentOrder.NEWEST_FIRST.value),
    )
    document_collection = graphene.Field(DocumentCollectionPageType, slug=graphene.String(required=True))
    page = graphene.Field(PageInterface, url_path=graphene.String(required=True))
    preview_page = graphene.Field(
        PageInterface,
        token=graphene.String(required=True),
        description=(
            "The draft a preview token was made for (the admin sends editors to FRONTEND_PREVIEW_URL?token=...). "
            "Tokens expire within an hour and open only that page; an expired or altered token is an error."
        ),
    )

    def resolve_current_plan_period(root, info):
        period = selectors.plan_period_current(visibility=visibility_of(info), include=_period_relations(info))
        return lookahead.load_requested(info, [period], lookahead.PERIODS)[0] if period else None

    def resolve_plan_periods(root, info):
        periods = selectors.plan_period_list(visibility=visibility_of(info), include=_period_relations(info))
        return listed(info, lookahead.load_requested(info, periods, lookahead.PERIODS))

    def resolve_plan_period(root, info, slug):
        period = selectors.plan_period_get(visibility=visibility_of(info), slug=slug, include=_period_relations(info))
        return lookahead.load_requested(info, [period], lookahead.PERIODS)[0] if period else None

    def resolve_housing_areas(root, info):
        areas = selectors.housing_area_list(visibility=visibility_of(info))
        return listed(info, lookahead.load_requested(info, areas, lookahead.HOUSING_AREAS))

    def resolve_housing_area(root, info, slug):
        area = selectors.housing_area_get(visibility=visibility_of(info), slug=slug)
        return lookahead.load_requested(info, [area], lookahead.HOUSING_AREAS)[0] if area else None

    def resolve_news_items(root, info, page, per_page, order, **filters):
        _check_page(page, per_page)
        queryset = selectors.news_list(
            visibility=visibility_of(info), order=_order(order, "-published_date"), **filters
        )
        result = _listed_page(info, queryset, page=page, per_page=per_page)
        lookahead.load_requested(info, result["items"], lookahead.NEWS, "items")
        return NewsPageList(**result)

    def resolve_activities(root, info, page, per_page, order, status=None, kind=None, **filters):
        _check_page(page, per_page)
        queryset = selectors.activity_list(
            visibility=visibility_of(info),
            status=getattr(status, "value", status),
            kind=getattr(kind, "value", kind),
            order=_order(order, "title"),
            **filters,
        )
        result = _listed_page(info, queryset, page=page, per_page=per_page)
        lookahead.load_requested(info, result["items"], lookahead.ACTIVITIES, "items")
        return ActivityPageList(**result)

    def resolve_events(root, info, limit, order, housing_area=None, to=None, **kwargs):
        size_check("limit", limit, maximum=MAX_LIST_LIMIT)
        queryset = selectors.event_list(
            visibility=visibility_of(info),
            starts_from=kwargs.get("from_"),
            starts_to=to,
            housing_area=housing_area,
            order=_order(order, "starts_at"),
        )
        return listed(info, lookahead.load_requested(info, queryset[:limit], lookahead.EVENTS))

    def resolve_documents(root, info, page, per_page, order, kind=None, published_from=None, published_to=None, **kw):
        _check_page(page, per_page)
        kind_value = _document_kind(kind)
        queryset = selectors.document_list(
            visibility=visibility_of(info),
            kind=kind_value,
            plan_period=kw.get("plan_period"),
            published_from=_local_date(published_from),
            published_to=_local_date(published_to),
            order=_order(order, "-published_on"),
        )
        result = _listed_page(info, queryset, page=page, per_page=per_page)
        lookahead.load_requested(info, result["items"], lookahead.DOCUMENTS, "items")
        return DocumentList(**result)

    def resolve_document_collection(root, info, slug):
        return selectors.document_collection_get(visibility=visibility_of(info), slug=slug)

    def resolve_page(root, info, url_path):
        site = context_of(info).site
        if site is None:
            return None
        return selectors.page_by_path(visibility=visibility_of(info), site_root=site.root_page, url_path=url_path)

    def resolve_preview_page(root, info, token):
        # A draft must never be stored by the response cache or a CDN, and its token must not
        # travel in a URL, where proxies and access logs would keep it.
        info.context.graphql_no_store = True
        if info.context.method != "POST":
            raise GraphQLError("Forhåndsvisning kræver en POST-forespørgsel.")
        # Wagtail's preview panel (pages/reference.py) passes the editor's unsaved draft in-process;
        # no HTTP request can set this attribute.
        draft = getattr(info.context, "reference_preview_page", None)
        if draft is not None:
            return draft
        try:
            return preview_page_get(token=token)
        except PreviewError as error:
            raise GraphQLError(str(error)) from None


def _document_kind(kind: str | None) -> str | None:
    from documents.choices import DocumentKind

    if not kind:
        return None
    for member in DocumentKind:
        if kind in (member.name, member.value):
            return member.value
    raise GraphQLError("Ukendt dokumenttype. Brug et navn fra DocumentKind, f.eks. RESULT_EVALUATION.")


def _local_date(value: dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
