"""Page types. Every field is listed by hand: nothing of Wagtail's draft or owner
metadata exists in the schema, and every relation goes through the visibility rules."""

import graphene
from wagtail.models import Page

from ..choices import (
    ActivityKind,
    ActivityStatus,
    AmountKind,
    ApprovalBody,
    ClassificationListType,
    Coverage,
    DatePrecision,
    FundingType,
    LbfFundingGeneration,
    LbfTheme,
    PlanStatus,
)
from ..funding import funding_totals
from .base import MAX_LIST_LIMIT, enum_from_choices, frontend_url_of, html_of, url_path_of, visibility_of
from .blocks import StreamBlockInterface, stream_blocks

CoverageEnum = enum_from_choices(
    "Coverage", Coverage, "Does every activity run in the area (ALL), or only selected ones?"
)
LbfThemeEnum = enum_from_choices("LbfTheme", LbfTheme)
PlanStatusEnum = enum_from_choices("PlanStatus", PlanStatus)
FundingGenerationEnum = enum_from_choices("LbfFundingGeneration", LbfFundingGeneration)
DatePrecisionEnum = enum_from_choices("DatePrecision", DatePrecision)
ApprovalBodyEnum = enum_from_choices("ApprovalBody", ApprovalBody)
ListTypeEnum = enum_from_choices("ClassificationListType", ClassificationListType)
FundingTypeEnum = enum_from_choices("FundingType", FundingType)
AmountKindEnum = enum_from_choices("AmountKind", AmountKind)
ActivityKindEnum = enum_from_choices("ActivityKind", ActivityKind)
ActivityStatusEnum = enum_from_choices("ActivityStatus", ActivityStatus)


class PageInterface(graphene.Interface):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    url_path = graphene.String(required=True, description="Path on the public website, e.g. /nyheder/x/.")
    url = graphene.String(required=True, description="Absolute URL on the public website.")
    seo_title = graphene.String(required=True)
    search_description = graphene.String(required=True)
    first_published_at = graphene.DateTime()
    last_published_at = graphene.DateTime()
    parent = graphene.Field(lambda: PageInterface, description="The parent page, or null when it is not public.")
    children = graphene.List(
        graphene.NonNull(lambda: PageInterface), required=True, limit=graphene.Int(default_value=MAX_LIST_LIMIT)
    )
    ancestors = graphene.List(graphene.NonNull(lambda: PageInterface), required=True)

    @classmethod
    def resolve_type(cls, instance, info):
        return PAGE_TYPES.get(type(instance), GenericPage)

    def resolve_url_path(root, info):
        return url_path_of(info, root)

    def resolve_url(root, info):
        return frontend_url_of(info, root)

    def resolve_parent(root, info):
        if root.depth <= 2:
            return None
        parent = visibility_of(info).pages(Page.objects.filter(path=root.path[: -Page.steplen])).first()
        return parent.specific if parent else None

    def resolve_children(root, info, limit):
        limit = max(0, min(limit, MAX_LIST_LIMIT))
        return list(visibility_of(info).pages(root.get_children()).specific()[:limit])

    def resolve_ancestors(root, info):
        return list(visibility_of(info).pages(root.get_ancestors().filter(depth__gt=1)).specific())


def _body(root, info):
    return stream_blocks(root.body)


class GenericPage(graphene.ObjectType):
    """Index pages and the home page: a title, an intro and children."""

    intro = graphene.String(required=True)

    class Meta:
        name = "GenericPage"
        interfaces = (PageInterface,)

    def resolve_intro(root, info):
        return html_of(info, getattr(root, "intro", "") or getattr(root, "hero_intro", ""))


class Approval(graphene.ObjectType):
    approved_by = graphene.Field(ApprovalBodyEnum, required=True)
    approved_by_label = graphene.String(required=True)
    approved_on = graphene.Date()
    note = graphene.String(required=True)

    def resolve_approved_by_label(root, info):
        return root.get_approved_by_display()


class PlanPeriodCoverage(graphene.ObjectType):
    coverage = graphene.Field(CoverageEnum, required=True)
    housing_area = graphene.Field(lambda: HousingAreaPageType, required=True)
    plan_period = graphene.Field(lambda: PlanPeriodPageType, required=True)

    def resolve_housing_area(root, info):
        return root.housing_area

    def resolve_plan_period(root, info):
        return root.page


class FundingLineType(graphene.ObjectType):
    funder = graphene.Field("organisations.graphql.OrganisationType")
    funding_type = graphene.Field(FundingTypeEnum, required=True)
    amount_kind = graphene.Field(AmountKindEnum, required=True)
    amount_dkk = graphene.Int(description="Whole Danish kroner; null when the amount is not known.")
    is_estimate = graphene.Boolean(required=True)
    programme = graphene.String(required=True)
    note = graphene.String(required=True)

    class Meta:
        name = "FundingLine"

    def resolve_amount_dkk(root, info):
        return root.amount_dkk


class FocusAreaPageType(graphene.ObjectType):
    lbf_theme = graphene.Field(LbfThemeEnum, required=True)
    summary = graphene.String(required=True)
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    activities = graphene.List(graphene.NonNull(lambda: ActivityPageType), required=True)

    class Meta:
        name = "FocusAreaPage"
        interfaces = (PageInterface,)

    resolve_body = _body

    def resolve_activities(root, info):
        cache = getattr(root, "_prefetched_objects_cache", {})
        if "activities" in cache:
            return list(cache["activities"])
        return list(visibility_of(info).pages(root.activities.all()).order_by("title"))


class ActivityPageType(graphene.ObjectType):
    teaser = graphene.String(required=True)
    kind = graphene.Field(ActivityKindEnum, required=True)
    status = graphene.Field(ActivityStatusEnum, required=True)
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    target_groups = graphene.List(graphene.NonNull("organisations.graphql.TargetGroupType"), required=True)
    housing_areas = graphene.List(graphene.NonNull(lambda: HousingAreaPageType), required=True)
    focus_areas = graphene.List(graphene.NonNull(FocusAreaPageType), required=True)
    start_date = graphene.Date()
    end_date = graphene.Date()
    schedule = graphene.String(required=True)
    price = graphene.String(required=True)
    is_free = graphene.Boolean(required=True)

    class Meta:
        name = "ActivityPage"
        interfaces = (PageInterface,)

    resolve_body = _body

    def resolve_target_groups(root, info):
        return list(root.target_groups.all())

    def resolve_housing_areas(root, info):
        cache = getattr(root, "_prefetched_objects_cache", {})
        if "housing_areas" in cache:
            return list(cache["housing_areas"])
        return list(visibility_of(info).pages(root.housing_areas.all()))

    def resolve_focus_areas(root, info):
        cache = getattr(root, "_prefetched_objects_cache", {})
        if "focus_areas" in cache:
            return list(cache["focus_areas"])
        return list(visibility_of(info).pages(root.focus_areas.all()))


class PlanPeriodPageType(graphene.ObjectType):
    motto = graphene.String(required=True)
    start_date = graphene.Date()
    end_date = graphene.Date()
    date_precision = graphene.Field(DatePrecisionEnum, required=True)
    status = graphene.Field(PlanStatusEnum, required=True)
    lbf_funding_generation = graphene.Field(FundingGenerationEnum)
    is_current = graphene.Boolean(required=True, description="True only for the period currentPlanPeriod returns.")
    intro = graphene.String(required=True, description="HTML.")
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    teaser = graphene.String(required=True)
    approvals = graphene.List(graphene.NonNull(Approval), required=True)
    focus_areas = graphene.List(graphene.NonNull(FocusAreaPageType), required=True)
    housing_area_coverage = graphene.List(graphene.NonNull(PlanPeriodCoverage), required=True)
    funding_lines = graphene.List(graphene.NonNull(FundingLineType), required=True)
    total_funding_dkk = graphene.Int(
        description="Sum of the known amounts, counting only the latest amount per funder and type "
        "(an extended grant replaces the original grant). Null when no amount is known."
    )
    local_cofinancing_share = graphene.Float(description="0..1, share of the total paid by local co-financing.")
    governance_bodies = graphene.List(graphene.NonNull("organisations.graphql.GovernanceBodyType"), required=True)
    documents = graphene.List(graphene.NonNull("documents.graphql.DocumentType"), required=True)
    plan_document = graphene.Field("documents.graphql.DocumentType")

    class Meta:
        name = "PlanPeriodPage"
        interfaces = (PageInterface,)

    resolve_body = _body

    def resolve_is_current(root, info):
        from ..selectors import current_plan_period_id

        context = info.context
        if not hasattr(context, "_current_plan_period_id"):
            context._current_plan_period_id = current_plan_period_id(visibility=visibility_of(info))
        return root.pk == context._current_plan_period_id

    def resolve_lbf_funding_generation(root, info):
        return root.lbf_funding_generation or None

    def resolve_intro(root, info):
        return html_of(info, root.intro)

    def resolve_approvals(root, info):
        return list(root.approvals.all())

    def resolve_focus_areas(root, info):
        if hasattr(root, "visible_focus_areas"):
            return root.visible_focus_areas
        from ..models import FocusAreaPage

        return list(visibility_of(info).pages(FocusAreaPage.objects.child_of(root)))

    def resolve_housing_area_coverage(root, info):
        rows = list(root.housing_area_coverage.all())
        visibility = visibility_of(info)
        return [row for row in rows if visibility.is_page_visible(row.housing_area)]

    def resolve_funding_lines(root, info):
        return [line for line in root.funding_lines.all() if line.live]

    def resolve_total_funding_dkk(root, info):
        return funding_totals(lines=root.funding_lines.all()).total_dkk

    def resolve_local_cofinancing_share(root, info):
        return funding_totals(lines=root.funding_lines.all()).local_share

    def resolve_governance_bodies(root, info):
        return [body for body in root.governance_bodies.all() if body.live]

    def resolve_documents(root, info):
        cache = getattr(root, "_prefetched_objects_cache", {})
        if "documents" in cache:
            return list(cache["documents"])
        return list(visibility_of(info).media(root.documents.all()))

    def resolve_plan_document(root, info):
        document = root.plan_document
        return document if visibility_of(info).is_media_visible(document) else None


class AreaClassificationType(graphene.ObjectType):
    list_date = graphene.Date(required=True)
    list_type = graphene.Field(ListTypeEnum, required=True)
    list_type_label = graphene.String(required=True)
    official_area_name = graphene.String(required=True)
    note = graphene.String(required=True)

    class Meta:
        name = "AreaClassification"

    def resolve_list_type_label(root, info):
        return root.get_list_type_display()


class HousingAreaPageType(graphene.ObjectType):
    description = graphene.String(required=True, description="HTML.")
    local_status_label = graphene.String(required=True, description="A local label, not an official list.")
    boundary_description = graphene.String(required=True)
    teaser = graphene.String(required=True)
    housing_organisations = graphene.List(graphene.NonNull("organisations.graphql.OrganisationType"), required=True)
    classifications = graphene.List(
        graphene.NonNull(AreaClassificationType), required=True, description="Newest list first."
    )
    current_classification = graphene.Field(AreaClassificationType, description="The entry of the newest list.")
    plan_period_coverage = graphene.List(graphene.NonNull(PlanPeriodCoverage), required=True)
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)

    class Meta:
        name = "HousingAreaPage"
        interfaces = (PageInterface,)

    resolve_body = _body

    def resolve_description(root, info):
        return html_of(info, root.description)

    def resolve_housing_organisations(root, info):
        return list(root.housing_organisations.all())

    def resolve_classifications(root, info):
        return sorted(root.classifications.all(), key=lambda c: c.list_date, reverse=True)

    def resolve_current_classification(root, info):
        rows = sorted(root.classifications.all(), key=lambda c: c.list_date, reverse=True)
        return rows[0] if rows else None

    def resolve_plan_period_coverage(root, info):
        visibility = visibility_of(info)
        return [row for row in root.period_coverage.all() if visibility.is_page_visible(row.page)]


class PlaceType(graphene.ObjectType):
    name = graphene.String(required=True)
    address = graphene.String(required=True)
    postcode = graphene.String(required=True)
    city = graphene.String(required=True)
    latitude = graphene.Float()
    longitude = graphene.Float()

    class Meta:
        name = "Place"


class NewsPageType(graphene.ObjectType):
    published_date = graphene.Date(required=True)
    teaser = graphene.String(required=True)
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    include_in_newsletter = graphene.Boolean(required=True)
    share_on_facebook = graphene.Boolean(required=True)
    image = graphene.Field("documents.graphql.ImageType")

    class Meta:
        name = "NewsPage"
        interfaces = (PageInterface,)

    resolve_body = _body

    def resolve_image(root, info):
        image = root.listing_image
        return image if image is not None and visibility_of(info).is_media_visible(image) else None


class EventPageType(graphene.ObjectType):
    starts_at = graphene.DateTime(required=True)
    ends_at = graphene.DateTime()
    all_day = graphene.Boolean(required=True, description="Only the date is known; do not show the time.")
    is_cancelled = graphene.Boolean(required=True)
    cancellation_reason = graphene.String(required=True)
    teaser = graphene.String(required=True)
    place = graphene.Field(PlaceType)
    place_note = graphene.String(required=True)
    price = graphene.String(required=True)
    registration_url = graphene.String(required=True)
    open_to_all = graphene.Boolean(required=True)
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    include_in_newsletter = graphene.Boolean(required=True)
    share_on_facebook = graphene.Boolean(required=True)
    image = graphene.Field("documents.graphql.ImageType")

    class Meta:
        name = "EventPage"
        interfaces = (PageInterface,)

    resolve_body = _body
    resolve_image = NewsPageType.resolve_image


class DocumentCollectionPageType(graphene.ObjectType):
    intro = graphene.String(required=True)
    teaser = graphene.String(required=True)
    documents = graphene.List(graphene.NonNull("documents.graphql.DocumentType"), required=True)

    class Meta:
        name = "DocumentCollectionPage"
        interfaces = (PageInterface,)

    def resolve_intro(root, info):
        return html_of(info, root.intro)

    def resolve_documents(root, info):
        if hasattr(root, "visible_documents"):  # set by the selector that fetched the page
            return root.visible_documents
        from ..selectors import document_collection_documents

        return document_collection_documents(visibility=visibility_of(info), page=root)


def _page_types():
    from home.models import HomePage

    from .. import models

    return {
        HomePage: GenericPage,
        models.PlanPeriodIndexPage: GenericPage,
        models.HousingAreaIndexPage: GenericPage,
        models.ActivityIndexPage: GenericPage,
        models.NewsIndexPage: GenericPage,
        models.EventIndexPage: GenericPage,
        models.DocumentLibraryPage: GenericPage,
        models.PlanPeriodPage: PlanPeriodPageType,
        models.FocusAreaPage: FocusAreaPageType,
        models.ActivityPage: ActivityPageType,
        models.HousingAreaPage: HousingAreaPageType,
        models.NewsPage: NewsPageType,
        models.EventPage: EventPageType,
        models.DocumentCollectionPage: DocumentCollectionPageType,
    }


PAGE_TYPES = _page_types()
ALL_PAGE_TYPES = sorted(set(PAGE_TYPES.values()), key=lambda t: t.__name__)
