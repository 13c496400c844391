"""GraphQL enums made from the content models' choices: names are the members' names."""

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
    PlanStatus,
)
from ..base import enum_from_choices

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
