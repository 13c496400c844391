"""Plan periods and what hangs on them: approvals, covered areas, funding, focus areas, activities."""

import graphene

from ...funding import funding_totals
from ...selectors import activity_relation, focus_area_activities, period_relation
from ..base import html_of, visibility_of
from ..blocks import StreamBlockInterface
from ..loading import current_plan_period_id, focus_areas_of, foreign_page, related
from .enums import (
    ActivityKindEnum,
    ActivityStatusEnum,
    AmountKindEnum,
    ApprovalBodyEnum,
    CoverageEnum,
    DatePrecisionEnum,
    FundingGenerationEnum,
    FundingTypeEnum,
    LbfThemeEnum,
    PlanStatusEnum,
)
from .interface import PageInterface, _body


class Approval(graphene.ObjectType):
    approved_by = graphene.Field(ApprovalBodyEnum, required=True)
    approved_by_label = graphene.String(required=True)
    approved_on = graphene.Date()
    note = graphene.String(required=True)

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
        visibility = visibility_of(info)
        return related(
            info, root, "activities", focus_area_activities(visibility).queryset, visible=visibility.is_page_visible
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

    class Meta:
        name = "ActivityPage"
        interfaces = (PageInterface,)

    resolve_body = _body

    def resolve_target_groups(root, info):
        return related(info, root, "target_groups")

    def resolve_housing_areas(root, info):
        return _activity_related(info, root, "housing_areas")

    def resolve_focus_areas(root, info):
        return _activity_related(info, root, "focus_areas")


def _activity_related(info, activity, name: str) -> list:
    visibility = visibility_of(info)
    relation = activity_relation(visibility, name)
    return related(info, activity, name, relation.queryset, visible=visibility.is_page_visible)


def _period_related(info, period, name: str) -> list:
    """A plan period's relation, loaded for every period of the list at once; selectors may have prefetched it."""
    relation = period_relation(visibility_of(info), name)
    queryset = relation.queryset if not isinstance(relation, str) else None
    return related(info, period, name, queryset)


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
