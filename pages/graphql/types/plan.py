"""Plan periods and what hangs on them: approvals, covered areas, funding, focus areas, activities."""

import graphene

from api.toolkit.context import visibility_of
from api.toolkit.foreign import foreign_page

from ...funding import funding_totals
from ...periods import period_status, today_in_denmark
from ...selectors import activity_relation, focus_area_activities, period_relation
from .. import lookahead
from ..base import html_of
from ..blocks import StreamBlockInterface
from ..loading import current_plan_period_id, focus_areas_of, related
from .enums import (
    ActivityKindEnum,
    ActivityPartnerRoleEnum,
    ActivityStatusEnum,
    AmountKindEnum,
    ApprovalBodyEnum,
    CoverageEnum,
    DatePrecisionEnum,
    FundingGenerationEnum,
    FundingTypeEnum,
    LbfThemeEnum,
    PeriodStatusEnum,
    PlanApprovalStageEnum,
)
from .facts import KeyFigureType, key_figures_of
from .interface import PageInterface, _body
from .listing import ImageField, resolve_listing_image


class Approval(graphene.ObjectType):
    approved_by = graphene.Field(ApprovalBodyEnum, required=True)
    approved_by_label = graphene.String(required=True)
    approved_on = graphene.Date()
    note = graphene.String(required=True)
    source_url = graphene.String(required=True, description="Where the decision is published; may be empty.")

    def resolve_approved_by_label(root, info):
        return root.get_approved_by_display()


class PlanPeriodCoverage(graphene.ObjectType):
    coverage = graphene.Field(CoverageEnum, required=True)
    housing_area = graphene.Field("pages.graphql.types.areas.HousingAreaPageType", required=True)
    plan_period = graphene.Field(lambda: PlanPeriodPageType, required=True)

    def resolve_housing_area(root, info):
        return foreign_page(info, root, "housing_area")

    def resolve_plan_period(root, info):
        return foreign_page(info, root, "page")


class FundingLineType(graphene.ObjectType):
    funder = graphene.Field("organisations.graphql.OrganisationType")
    funding_type = graphene.Field(FundingTypeEnum, required=True)
    amount_kind = graphene.Field(AmountKindEnum, required=True)
    amount_dkk = graphene.Int(description="Whole Danish kroner; null when the amount is not known.")
    is_estimate = graphene.Boolean(required=True)
    programme = graphene.String(required=True)
    note = graphene.String(required=True)
    start_date = graphene.Date()
    end_date = graphene.Date()
    decision_body = graphene.String(required=True, description="Who decided the amount; may be empty.")
    decision_date = graphene.Date()
    source_url = graphene.String(required=True, description="Where the amount is published; may be empty.")

    class Meta:
        name = "FundingLine"

    def resolve_amount_dkk(root, info):
        return root.amount_dkk


class FocusAreaPageType(graphene.ObjectType):
    lbf_theme = graphene.Field(LbfThemeEnum, required=True)
    summary = graphene.String(required=True)
    teaser = graphene.String(required=True)
    image = ImageField
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    activities = graphene.List(graphene.NonNull(lambda: ActivityPageType), required=True)

    class Meta:
        name = "FocusAreaPage"
        interfaces = (PageInterface,)

    resolve_body = _body
    resolve_image = resolve_listing_image

    def resolve_activities(root, info):
        visibility = visibility_of(info)
        return related(
            info,
            root,
            "activities",
            lambda: focus_area_activities(visibility).queryset,
            visible=visibility.is_page_visible,
            lookups=lookahead.ACTIVITIES,
        )


class ActivityPageType(graphene.ObjectType):
    teaser = graphene.String(required=True)
    kind = graphene.Field(ActivityKindEnum, required=True)
    status = graphene.Field(ActivityStatusEnum, required=True)
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    target_groups = graphene.List(graphene.NonNull("organisations.graphql.TargetGroupType"), required=True)
    housing_areas = graphene.List(graphene.NonNull("pages.graphql.types.areas.HousingAreaPageType"), required=True)
    focus_areas = graphene.List(graphene.NonNull(FocusAreaPageType), required=True)
    start_date = graphene.Date()
    end_date = graphene.Date()
    schedule = graphene.String(required=True)
    price = graphene.String(required=True)
    is_free = graphene.Boolean(required=True)
    age_min = graphene.Int()
    age_max = graphene.Int()
    registration_required = graphene.Boolean(required=True)
    registration_url = graphene.String(required=True)
    organiser = graphene.Field("organisations.graphql.OrganisationType")
    contact = graphene.Field(
        "organisations.graphql.PersonType", description="Null unless the person agreed to be shown."
    )
    place = graphene.Field("organisations.graphql.PlaceType")
    partners = graphene.List(graphene.NonNull(lambda: ActivityPartnerType), required=True)
    funding_lines = graphene.List(
        graphene.NonNull(FundingLineType), required=True, description="Published amounts only; never estimated."
    )
    image = ImageField

    class Meta:
        name = "ActivityPage"
        interfaces = (PageInterface,)

    resolve_body = _body
    resolve_image = resolve_listing_image

    def resolve_contact(root, info):
        return root.contact if root.contact_id and root.contact.is_public else None

    def resolve_partners(root, info):
        return list(root.partners.all())

    def resolve_funding_lines(root, info):
        return [line for line in root.funding_lines.all() if line.live]

    def resolve_target_groups(root, info):
        return related(info, root, "target_groups")

    def resolve_housing_areas(root, info):
        return _activity_related(info, root, "housing_areas")

    def resolve_focus_areas(root, info):
        return _activity_related(info, root, "focus_areas")


def _activity_related(info, activity, name: str) -> list:
    visibility = visibility_of(info)
    return related(
        info, activity, name, lambda: activity_relation(visibility, name).queryset, visible=visibility.is_page_visible
    )


def _period_related(info, period, name: str) -> list:
    """A plan period's relation, loaded for every period of the list at once; selectors may have prefetched it."""
    visibility = visibility_of(info)
    return related(info, period, name, lambda: _queryset_of(period_relation(visibility, name)))


def _queryset_of(relation):
    return relation.queryset if not isinstance(relation, str) else None


class ActivityPartnerType(graphene.ObjectType):
    organisation = graphene.Field("organisations.graphql.OrganisationType", required=True)
    role = graphene.Field(ActivityPartnerRoleEnum, required=True)
    role_label = graphene.String(required=True, description="Danish, e.g. 'Samarbejdspartner'.")

    class Meta:
        name = "ActivityPartner"

    def resolve_role_label(root, info):
        return root.get_role_display()


def _today(info):
    """One "today" per request, in Danish time, so every period of an answer is judged on the same day."""
    context = info.context
    if not hasattr(context, "_plan_today"):
        context._plan_today = today_in_denmark()
    return context._plan_today


class PlanPeriodPageType(graphene.ObjectType):
    motto = graphene.String(required=True)
    start_date = graphene.Date()
    end_date = graphene.Date()
    date_precision = graphene.Field(DatePrecisionEnum, required=True)
    status = graphene.Field(
        PeriodStatusEnum,
        required=True,
        description="Computed from startDate and endDate against today in Europe/Copenhagen, never stored: "
        "e.g. ENDED lets the website say 'Helhedsplanen 2021-25 er afsluttet'.",
    )
    status_label = graphene.String(required=True, description="Danish: 'I kraft', 'Afsluttet', 'Kommende' …")
    approval_stage = graphene.Field(PlanApprovalStageEnum, required=True)
    approval_stage_label = graphene.String(required=True)
    key_figures = graphene.List(graphene.NonNull(KeyFigureType), required=True)
    image = ImageField
    lbf_funding_generation = graphene.Field(FundingGenerationEnum)
    is_current = graphene.Boolean(required=True, description="True only for the period currentPlanPeriod returns.")
    intro = graphene.String(required=True, description="HTML.")
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    teaser = graphene.String(required=True)
    approvals = graphene.List(graphene.NonNull(Approval), required=True)
    focus_areas = graphene.List(graphene.NonNull(FocusAreaPageType), required=True)
    housing_area_coverage = graphene.List(graphene.NonNull(PlanPeriodCoverage), required=True)
    funding_lines = graphene.List(
        graphene.NonNull(FundingLineType),
        required=True,
        description="Published amounts only. Empty when no amount has been published for the period "
        "(as for 2021-25 in the demo content): amounts are never estimated to fill the gap.",
    )
    total_funding_dkk = graphene.Int(
        description="Sum of the known amounts, counting only the latest amount per funder and type "
        "(an extended grant replaces the original grant). Null when no amount is known."
    )
    local_cofinancing_share = graphene.Float(description="0..1, share of the total paid by local co-financing.")
    governance_bodies = graphene.List(
        graphene.NonNull("organisations.graphql.GovernanceBodyType"),
        required=True,
        description="Bodies known from a source, with the members who are published and agreed to be shown; "
        "a body without known members has an empty memberships list.",
    )
    documents = graphene.List(graphene.NonNull("documents.graphql.DocumentType"), required=True)
    plan_document = graphene.Field("documents.graphql.DocumentType")

    class Meta:
        name = "PlanPeriodPage"
        interfaces = (PageInterface,)

    resolve_body = _body
    resolve_image = resolve_listing_image

    def resolve_status(root, info):
        return period_status(start_date=root.start_date, end_date=root.end_date, today=_today(info)).value

    def resolve_status_label(root, info):
        return period_status(start_date=root.start_date, end_date=root.end_date, today=_today(info)).label

    def resolve_approval_stage_label(root, info):
        return root.get_approval_stage_display()

    def resolve_key_figures(root, info):
        return key_figures_of(root)

    def resolve_is_current(root, info):
        return root.pk == current_plan_period_id(info)

    def resolve_lbf_funding_generation(root, info):
        return root.lbf_funding_generation or None

    def resolve_intro(root, info):
        return html_of(info, root.intro)

    def resolve_approvals(root, info):
        return _period_related(info, root, "approvals")

    def resolve_focus_areas(root, info):
        return focus_areas_of(info, root)

    def resolve_housing_area_coverage(root, info):
        rows = _period_related(info, root, "housing_area_coverage")
        visibility = visibility_of(info)
        return [row for row in rows if visibility.is_page_visible(row.housing_area)]

    def resolve_funding_lines(root, info):
        return [line for line in _period_related(info, root, "funding_lines") if line.live]

    def resolve_total_funding_dkk(root, info):
        return funding_totals(lines=_period_related(info, root, "funding_lines")).total_dkk

    def resolve_local_cofinancing_share(root, info):
        return funding_totals(lines=_period_related(info, root, "funding_lines")).local_share

    def resolve_governance_bodies(root, info):
        return [body for body in _period_related(info, root, "governance_bodies") if body.live]

    def resolve_documents(root, info):
        visibility = visibility_of(info)
        documents = _period_related(info, root, "documents")
        return [document for document in documents if visibility.is_media_visible(document)]

    def resolve_plan_document(root, info):
        document = root.plan_document
        return document if visibility_of(info).is_media_visible(document) else None
