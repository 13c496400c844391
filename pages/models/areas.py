"""Housing areas: the neighbourhoods the plan works in."""

from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from .mixins import HeadlessPageMixin, ListingMixin


class HousingAreaIndexPage(HeadlessPageMixin, Page):
    intro = RichTextField(
        "indledning",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Tekst øverst på oversigten over boligområder på hjemmesiden.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.HousingAreaPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "oversigt over boligområder"
        verbose_name_plural = "oversigter over boligområder"


class HousingAreaPage(HeadlessPageMixin, ListingMixin, Page):
    """A housing area under its local name.

    Official list names differ ("Gammel Jennumparken"), so they live on each dated
    classification, and the local label ("i risikozonen") is kept apart from them.
    """

    description = RichTextField(
        "beskrivelse",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Kort beskrivelse af området på hjemmesiden.",
    )
    local_status_label = models.CharField(
        "lokal betegnelse",
        max_length=100,
        blank=True,
        help_text="F.eks. 'I risikozonen'. Dette er ikke en officiel klassifikation.",
    )
    boundary_description = models.TextField(
        "afgrænsning",
        blank=True,
        help_text="Hvilke gader og afdelinger området omfatter.",
    )
    housing_organisations = ParentalManyToManyField(
        "organisations.Organisation",
        verbose_name="boligorganisationer",
        blank=True,
        related_name="housing_areas",
        help_text="Boligorganisationerne, der har afdelinger i området.",
    )
    latitude = models.DecimalField(
        "breddegrad",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="Til kortet på hjemmesiden, f.eks. 56.4712.",
    )
    longitude = models.DecimalField(
        "længdegrad",
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="Til kortet på hjemmesiden, f.eks. 10.0364.",
    )
    body = StreamField(
        BodyStreamBlock(),
        verbose_name="indhold",
        blank=True,
        help_text="Mere om området på hjemmesiden.",
    )

    parent_page_types = ["pages.HousingAreaIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("local_status_label"),
        FieldPanel("description"),
        FieldPanel("boundary_description"),
        FieldPanel("body"),
    ]
    organisation_panels = [
        FieldPanel("housing_organisations"),
        InlinePanel("departments", heading="Boligafdelinger", label="Boligafdeling"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading="Placering på kort"),
    ]
    promote_panels = [*Page.promote_panels, *ListingMixin.listing_panels]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Indhold"),
            ObjectList(organisation_panels, heading="Organisationer og afdelinger"),
            ObjectList(promote_panels, heading="Promovering"),
            ObjectList(Page.settings_panels, heading="Indstillinger"),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("description"), index.SearchField("local_status_label")]

    class Meta:
        verbose_name = "boligområde"
        verbose_name_plural = "boligområder"


class Department(Orderable):
    page = ParentalKey(HousingAreaPage, on_delete=models.CASCADE, related_name="departments")
    number = models.CharField("afd. nr.", max_length=20, blank=True)
    name = models.CharField("navn / gade", max_length=255)
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name="boligorganisation", null=True, blank=True, on_delete=models.SET_NULL
    )
    units = models.PositiveIntegerField("antal boliger", null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("units")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "boligafdeling"
        verbose_name_plural = "boligafdelinger"
