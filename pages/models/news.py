"""News and events: what goes out on the website, Facebook and the newsletter."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from .mixins import HeadlessPageMixin, ListingMixin, SocialShareMixin


def _today() -> datetime.date:
    return timezone.localdate()


class NewsIndexPage(HeadlessPageMixin, Page):
    intro = RichTextField("indledning", blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "nyhedsoversigt"
        verbose_name_plural = "nyhedsoversigter"


class NewsPage(HeadlessPageMixin, SocialShareMixin, ListingMixin, Page):
    published_date = models.DateField(
        "nyhedsdato", default=_today, db_index=True, help_text="Datoen der vises ved nyheden."
    )
    body = StreamField(BodyStreamBlock(), verbose_name="indhold", blank=True)
    plan_periods = ParentalManyToManyField(
        "pages.PlanPeriodPage", verbose_name="helhedsplanperioder", blank=True, related_name="news"
    )
    housing_areas = ParentalManyToManyField(
        "pages.HousingAreaPage", verbose_name="boligområder", blank=True, related_name="news"
    )
    pdf_version = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="nyheden som pdf-fil",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_source_url = models.URLField("kilde (link til avis o.l.)", blank=True)

    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("published_date"),
        FieldPanel("teaser"),
        FieldPanel("body"),
        FieldPanel("listing_image"),
    ]
    relation_panels = [
        FieldPanel("plan_periods", widget=forms.CheckboxSelectMultiple),
        FieldPanel("housing_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("pdf_version"),
        FieldPanel("external_source_url"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Indhold"),
            ObjectList([*SocialShareMixin.distribution_panels, *relation_panels], heading="Deling og relationer"),
            ObjectList(Page.promote_panels, heading="Promovering"),
            ObjectList(Page.settings_panels, heading="Indstillinger"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("published_date"),
    ]

    class Meta:
        verbose_name = "nyhed"
        verbose_name_plural = "nyheder"
        ordering = ["-published_date"]


class EventIndexPage(HeadlessPageMixin, Page):
    intro = RichTextField("indledning", blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "arrangementsoversigt"
        verbose_name_plural = "arrangementsoversigter"


class EventPage(HeadlessPageMixin, SocialShareMixin, ListingMixin, Page):
    starts_at = models.DateTimeField("starttidspunkt", db_index=True)
    ends_at = models.DateTimeField("sluttidspunkt", null=True, blank=True)
    all_day = models.BooleanField(
        "klokkeslæt ikke fastlagt",
        default=False,
        help_text="Markér, hvis kun datoen er kendt; klokkeslættet vises så ikke.",
    )
    place = models.ForeignKey(
        "organisations.Place",
        verbose_name="sted",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    place_note = models.CharField("sted (fritekst)", max_length=255, blank=True, help_text="F.eks. 'ved bålpladsen'.")
    body = StreamField(BodyStreamBlock(), verbose_name="indhold og program", blank=True)
    is_cancelled = models.BooleanField("aflyst", default=False)
    cancellation_reason = models.CharField("årsag til aflysning", max_length=255, blank=True)
    open_to_all = models.BooleanField("åben for alle", default=True)
    price = models.CharField("pris", max_length=100, blank=True)
    registration_url = models.URLField("link til tilmelding", blank=True)
    housing_areas = ParentalManyToManyField(
        "pages.HousingAreaPage", verbose_name="boligområder", blank=True, related_name="events"
    )
    organisers = ParentalManyToManyField(
        "organisations.Organisation", verbose_name="arrangører", blank=True, related_name="events"
    )
    target_groups = ParentalManyToManyField(
        "organisations.TargetGroup", verbose_name="målgrupper", blank=True, related_name="events"
    )

    parent_page_types = ["pages.EventIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]), FieldPanel("all_day")],
            heading="Tidspunkt",
        ),
        FieldRowPanel([FieldPanel("place"), FieldPanel("place_note")], heading="Sted"),
        FieldPanel("teaser"),
        FieldPanel("body"),
        FieldPanel("listing_image"),
        MultiFieldPanel([FieldPanel("is_cancelled"), FieldPanel("cancellation_reason")], heading="Aflysning"),
    ]
    practical_panels = [
        FieldPanel("open_to_all"),
        FieldRowPanel([FieldPanel("price"), FieldPanel("registration_url")]),
        FieldPanel("housing_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("organisers"),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Indhold"),
            ObjectList(practical_panels, heading="Praktisk"),
            ObjectList(SocialShareMixin.distribution_panels, heading="Facebook og nyhedsbrev"),
            ObjectList(Page.promote_panels, heading="Promovering"),
            ObjectList(Page.settings_panels, heading="Indstillinger"),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("starts_at"),
    ]

    class Meta:
        verbose_name = "arrangement"
        verbose_name_plural = "arrangementer"
        ordering = ["starts_at"]

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": "Sluttidspunktet skal ligge efter starttidspunktet."})
        if self.cancellation_reason and not self.is_cancelled:
            raise ValidationError(
                {"is_cancelled": "Markér arrangementet som aflyst, eller fjern årsagen til aflysning."}
            )
