"""Plan periods and their focus areas.

A period is a page because it has its own URL on the website and its focus areas
live under it: LBF funds each four-year period with its own mandatory themes, so
a focus area belongs to exactly one period.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from ..choices import ApprovalBody, Coverage, DatePrecision, LbfFundingGeneration, LbfTheme, PlanApprovalStage
from .mixins import HeadlessPageMixin, ListingMixin


class PlanPeriodIndexPage(HeadlessPageMixin, Page):
    intro = RichTextField(
        "indledning",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Tekst øverst på oversigten over helhedsplanens perioder på hjemmesiden.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.PlanPeriodPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "oversigt over helhedsplaner"
        verbose_name_plural = "oversigter over helhedsplaner"


class PlanPeriodPageForm(WagtailAdminPageForm):
    """Checks across the inline rows, which a single row cannot see."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("housing_area_coverage")
        if formset is None:
            return cleaned_data
        seen = set()
        for form in formset.forms:
            # ClusterForm cleans the page form before its formsets, so clean each row here.
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            area = form.cleaned_data.get("housing_area")
            if area is None:
                continue
            if area.pk in seen:
                message = f"Boligområdet {area.title} er allerede med i denne periode. Et område kan kun dækkes én gang pr. periode."
                form.add_error("housing_area", message)
                self.add_error(None, message)
            seen.add(area.pk)
        return cleaned_data


class PlanPeriodPage(HeadlessPageMixin, ListingMixin, Page):
    motto = models.CharField(
        "overskrift / slogan", max_length=255, blank=True, help_text="F.eks. 'Fremtiden lever her'."
    )
    start_date = models.DateField(
        "startdato",
        null=True,
        blank=True,
        help_text="Periodens første dag.",
    )
    end_date = models.DateField(
        "slutdato",
        null=True,
        blank=True,
        help_text="Periodens sidste dag.",
    )
    date_precision = models.CharField(
        "datoernes nøjagtighed",
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Vælg 'År', hvis kun årstallet er kendt; datoerne er så 1. januar og 31. december.",
    )
    lbf_funding_generation = models.CharField(
        "LBF-midler (bevillingsperiode)",
        max_length=10,
        choices=LbfFundingGeneration.choices,
        blank=True,
        help_text="Landsbyggefondens bevillingsperiode, som midlerne kommer fra.",
    )
    approval_stage = models.CharField(
        "godkendelse",
        max_length=20,
        choices=PlanApprovalStage.choices,
        default=PlanApprovalStage.PLANNED,
        help_text="Hvor langt planen er nået med Landsbyggefonden og byrådet. "
        "Om perioden er i kraft eller afsluttet, beregnes ud fra datoerne.",
    )
    intro = RichTextField(
        "indledning",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Tekst øverst på periodens side på hjemmesiden.",
    )
    body = StreamField(
        BodyStreamBlock(),
        verbose_name="indhold",
        blank=True,
        help_text="Mere om perioden på hjemmesiden.",
    )
    plan_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="selve helhedsplanen (dokument)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Selve helhedsplanen som dokument; hjemmesiden linker til den.",
    )

    base_form_class = PlanPeriodPageForm
    parent_page_types = ["pages.PlanPeriodIndexPage"]
    subpage_types = ["pages.FocusAreaPage"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("motto"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("date_precision"),
            ],
            heading="Periode",
        ),
        FieldRowPanel([FieldPanel("approval_stage"), FieldPanel("lbf_funding_generation")]),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("plan_document"),
    ]
    area_panels = [
        InlinePanel("housing_area_coverage", heading="Boligområder", label="Boligområde"),
        InlinePanel("approvals", heading="Godkendelser", label="Godkendelse"),
    ]
    promote_panels = [*Page.promote_panels, *ListingMixin.listing_panels]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Indhold"),
            ObjectList(area_panels, heading="Områder og godkendelser"),
            ObjectList(promote_panels, heading="Promovering"),
            ObjectList(Page.settings_panels, heading="Indstillinger"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("motto"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "helhedsplanperiode"
        verbose_name_plural = "helhedsplanperioder"

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": "Slutdatoen skal ligge efter startdatoen."})

    def is_in_force_on(self, day: datetime.date) -> bool:
        return bool(self.start_date and self.start_date <= day and (self.end_date is None or day <= self.end_date))


class Approval(Orderable):
    page = ParentalKey(PlanPeriodPage, on_delete=models.CASCADE, related_name="approvals")
    approved_by = models.CharField("godkendt af", max_length=30, choices=ApprovalBody.choices)
    approved_on = models.DateField("dato", null=True, blank=True)
    note = models.CharField("bemærkning", max_length=500, blank=True)
    source_url = models.URLField("kilde (link)", blank=True)

    panels = [
        FieldRowPanel([FieldPanel("approved_by"), FieldPanel("approved_on")]),
        FieldPanel("note"),
        FieldPanel("source_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "godkendelse"
        verbose_name_plural = "godkendelser"


class PlanPeriodHousingArea(Orderable):
    """Which housing areas a period covers, and how: all activities or only selected ones."""

    page = ParentalKey(PlanPeriodPage, on_delete=models.CASCADE, related_name="housing_area_coverage")
    housing_area = models.ForeignKey(
        "pages.HousingAreaPage", verbose_name="boligområde", on_delete=models.CASCADE, related_name="period_coverage"
    )
    coverage = models.CharField("dækning", max_length=10, choices=Coverage.choices, default=Coverage.ALL)

    panels = [FieldRowPanel([FieldPanel("housing_area"), FieldPanel("coverage")])]

    class Meta(Orderable.Meta):
        verbose_name = "boligområde i perioden"
        verbose_name_plural = "boligområder i perioden"
        constraints = [
            models.UniqueConstraint(fields=["page", "housing_area"], name="unique_housing_area_per_period"),
        ]


class FocusAreaPage(HeadlessPageMixin, ListingMixin, Page):
    lbf_theme = models.CharField(
        "LBF-indsatsområde",
        max_length=40,
        choices=LbfTheme.choices,
        default=LbfTheme.LOCAL,
        help_text="Landsbyggefondens tema for periodens bevilling; gør det muligt at sammenligne perioder.",
    )
    summary = models.TextField("formål", blank=True, help_text="Indsatsområdets formål i én eller to sætninger.")
    body = StreamField(
        BodyStreamBlock(),
        verbose_name="indhold",
        blank=True,
        help_text="Beskrivelse af indsatsområdet på hjemmesiden.",
    )

    parent_page_types = ["pages.PlanPeriodPage"]
    subpage_types = []

    content_panels = [*Page.content_panels, FieldPanel("lbf_theme"), FieldPanel("summary"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, *ListingMixin.listing_panels]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    class Meta:
        verbose_name = "indsatsområde"
        verbose_name_plural = "indsatsområder"
