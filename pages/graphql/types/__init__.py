"""Page types for the GraphQL schema, a module per part of the content model.

Every field is listed by hand: nothing of Wagtail's draft or owner metadata exists in
the schema, and every relation goes through the visibility rules.
"""

from ... import models
from .areas import AreaClassificationType, HousingAreaPageType
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
    ListTypeEnum,
    PeriodStatusEnum,
    PlanApprovalStageEnum,
)
from .interface import GenericPage, PageInterface
from .library import DocumentCollectionPageType
from .news import EventPageType, NewsPageType
from .plan import (
    ActivityPageType,
    Approval,
    FocusAreaPageType,
    FundingLineType,
    PlanPeriodCoverage,
    PlanPeriodPageType,
)
from .registry import ALL_PAGE_TYPES, page_type_register, page_types_with

for _model, _type in [
    (models.PlanPeriodIndexPage, GenericPage),
    (models.HousingAreaIndexPage, GenericPage),
    (models.ActivityIndexPage, GenericPage),
    (models.NewsIndexPage, GenericPage),
    (models.EventIndexPage, GenericPage),
    (models.DocumentLibraryPage, GenericPage),
    (models.PlanPeriodPage, PlanPeriodPageType),
    (models.FocusAreaPage, FocusAreaPageType),
    (models.ActivityPage, ActivityPageType),
    (models.HousingAreaPage, HousingAreaPageType),
    (models.NewsPage, NewsPageType),
    (models.EventPage, EventPageType),
    (models.DocumentCollectionPage, DocumentCollectionPageType),
]:
    page_type_register(_model, _type)


__all__ = [
    "ALL_PAGE_TYPES",
    "ActivityKindEnum",
    "ActivityPageType",
    "ActivityStatusEnum",
    "AmountKindEnum",
    "Approval",
    "ApprovalBodyEnum",
    "AreaClassificationType",
    "CoverageEnum",
    "DatePrecisionEnum",
    "DocumentCollectionPageType",
    "EventPageType",
    "FocusAreaPageType",
    "FundingGenerationEnum",
    "FundingLineType",
    "FundingTypeEnum",
    "GenericPage",
    "HousingAreaPageType",
    "LbfThemeEnum",
    "ListTypeEnum",
    "NewsPageType",
    "PageInterface",
    "PeriodStatusEnum",
    "PlanApprovalStageEnum",
    "PlanPeriodCoverage",
    "PlanPeriodPageType",
    "page_type_register",
    "page_types_with",
]
