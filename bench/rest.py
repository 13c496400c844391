"""B: Wagtail's REST API (wagtail.api.v2), with the fields the operations read (cms.settings.bench only)."""

from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet

from documents.models import PlanDocument
from pages.models import HousingAreaPage, NewsPage


class BenchPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint. It knows nothing of our visibility rules beyond live/public."""


class BenchDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Wagtail's documents endpoint. Note: it does not hide documents in private collections."""


def _expose_api_fields():
    """api_fields exist only in the bench process: our models do not declare them."""
    NewsPage.api_fields = [APIField("teaser"), APIField("published_date")]
    HousingAreaPage.api_fields = [APIField("local_status_label")]
    PlanDocument.api_fields = [APIField("kind"), APIField("published_on"), APIField("file_size")]
    BenchDocumentsAPIViewSet.body_fields = [*DocumentsAPIViewSet.body_fields, "kind", "published_on", "file_size"]
    BenchDocumentsAPIViewSet.listing_default_fields = [
        *DocumentsAPIViewSet.listing_default_fields,
        "kind",
        "published_on",
        "file_size",
    ]


_expose_api_fields()
rest = WagtailAPIRouter("benchapi")
rest.register_endpoint("pages", BenchPagesAPIViewSet)
rest.register_endpoint("documents", BenchDocumentsAPIViewSet)
