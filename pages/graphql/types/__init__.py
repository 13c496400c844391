"""Page types for the GraphQL schema, a module per part of the content model.

Every field is listed by hand: nothing of Wagtail's draft or owner metadata exists in
the schema, and every relation goes through the visibility rules.
"""

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
from .home import HomePageType
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


def _page_types():
    from home.models import HomePage

    from ... import models

    return {
        HomePage: HomePageType,
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


__all__ = [
    "ALL_PAGE_TYPES",
    "PAGE_TYPES",
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
    "HomePageType",
    "HousingAreaPageType",
    "LbfThemeEnum",
    "ListTypeEnum",
    "NewsPageType",
    "PageInterface",
    "PeriodStatusEnum",
    "PlanApprovalStageEnum",
    "PlanPeriodCoverage",
    "PlanPeriodPageType",
]
