"""Page types and dated facts of the helhedsplan (explicit re-exports)."""

from .activities import ActivityIndexPage, ActivityPage, ActivityPartner
from .areas import Department, HousingAreaIndexPage, HousingAreaPage
from .facts import AreaClassification, Criterion, FundingLine, KeyFigure
from .library import DocumentCollectionItem, DocumentCollectionPage, DocumentLibraryPage
from .mixins import HeadlessPageMixin, ListingMixin, SocialShareMixin
from .news import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from .plan import Approval, FocusAreaPage, PlanPeriodHousingArea, PlanPeriodIndexPage, PlanPeriodPage

__all__ = [
    "ActivityIndexPage",
    "ActivityPage",
    "ActivityPartner",
    "Approval",
    "AreaClassification",
    "Criterion",
    "Department",
    "DocumentCollectionItem",
    "DocumentCollectionPage",
    "DocumentLibraryPage",
    "EventIndexPage",
    "EventPage",
    "FocusAreaPage",
    "FundingLine",
    "HeadlessPageMixin",
    "HousingAreaIndexPage",
    "HousingAreaPage",
    "KeyFigure",
    "ListingMixin",
    "NewsIndexPage",
    "NewsPage",
    "PlanPeriodHousingArea",
    "PlanPeriodIndexPage",
    "PlanPeriodPage",
    "SocialShareMixin",
]
