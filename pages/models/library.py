"""Document collections: "Evalueringer og rapporter" and similar listings."""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from documents.choices import DocumentKind

from ..blocks import RICH_TEXT_FEATURES
from .mixins import HeadlessPageMixin, ListingMixin


class DocumentLibraryPage(HeadlessPageMixin, Page):
    intro = RichTextField(
        "indledning",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Tekst øverst på dokumentbiblioteket på hjemmesiden.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.DocumentCollectionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "dokumentbibliotek"
        verbose_name_plural = "dokumentbiblioteker"


class DocumentCollectionPage(HeadlessPageMixin, ListingMixin, Page):
    """A listing of documents: chosen by hand, or every document of a kind and/or period.

    The automatic rule keeps "Evalueringer" complete without an editor touching
    the page each time a report is uploaded.
    """

    intro = RichTextField(
        "indledning",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Tekst øverst på samlingens side på hjemmesiden.",
    )
    auto_kind = models.CharField(
        "tag automatisk alle dokumenter af typen",
        max_length=40,
        choices=DocumentKind.choices,
        blank=True,
        help_text="Alle dokumenter af denne type vises automatisk i samlingen, ud over dem der er valgt.",
    )
    auto_plan_period = models.ForeignKey(
        "pages.PlanPeriodPage",
        verbose_name="tag automatisk alle dokumenter fra perioden",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Alle dokumenter fra denne periode vises automatisk i samlingen, ud over dem der er valgt.",
    )

    parent_page_types = ["pages.DocumentLibraryPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("items", heading="Valgte dokumenter", label="Dokument"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("auto_kind"), FieldPanel("auto_plan_period")])],
            heading="Automatisk udvalg",
            help_text="Dokumenter der passer til det automatiske udvalg vises efter de valgte dokumenter.",
        ),
    ]
    promote_panels = [*Page.promote_panels, *ListingMixin.listing_panels]

    class Meta:
        verbose_name = "dokumentsamling"
        verbose_name_plural = "dokumentsamlinger"


class DocumentCollectionItem(Orderable):
    page = ParentalKey(DocumentCollectionPage, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, verbose_name="dokument", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "dokument i samlingen"
        verbose_name_plural = "dokumenter i samlingen"
