"""GraphQL enums made from the content models' choices: names are the members' names."""

import graphene

from api.toolkit.fields import enum_from_choices

from ...choices import (
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
    PeriodStatus,
    PlanApprovalStage,
)

CoverageEnum = enum_from_choices(
    "Coverage", Coverage, "Does every activity run in the area (ALL), or only selected ones?"
)

LbfThemeEnum = enum_from_choices("LbfTheme", LbfTheme)

PlanApprovalStageEnum = enum_from_choices(
    "PlanApprovalStage", PlanApprovalStage, "How far the plan got with Landsbyggefonden and the city council."
)

PeriodStatusEnum = enum_from_choices(
    "PeriodStatus",
    PeriodStatus,
    "Where a period stands today (Europe/Copenhagen), computed from its dates: UPCOMING before startDate, "
    "ENDED after endDate, IN_FORCE in between, UNDATED without a startDate.",
)

FundingGenerationEnum = enum_from_choices("LbfFundingGeneration", LbfFundingGeneration)

DatePrecisionEnum = enum_from_choices("DatePrecision", DatePrecision)

ApprovalBodyEnum = enum_from_choices("ApprovalBody", ApprovalBody)

ListTypeEnum = enum_from_choices("ClassificationListType", ClassificationListType)

FundingTypeEnum = enum_from_choices("FundingType", FundingType)

AmountKindEnum = enum_from_choices("AmountKind", AmountKind)

ActivityKindEnum = enum_from_choices("ActivityKind", ActivityKind)

ActivityStatusEnum = enum_from_choices("ActivityStatus", ActivityStatus)

ActivityPartnerRoleEnum = graphene.Enum(
    "ActivityPartnerRole", [("PARTNER", "samarbejdspartner"), ("PROVIDER", "udfoerer"), ("FUNDER", "finansierer")]
)
