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
    intro = RichTextField(
        "indledning",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Tekst øverst på nyhedsoversigten på hjemmesiden.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "nyhedsoversigt"
        verbose_name_plural = "nyhedsoversigter"


class NewsPage(HeadlessPageMixin, SocialShareMixin, ListingMixin, Page):
    published_date = models.DateField(
        "nyhedsdato",
        default=_today,
        db_index=True,
        help_text="Datoen, der står ved nyheden på hjemmesiden og i nyhedsbrevet. Nyheder sorteres efter den.",
    )
    body = StreamField(
        BodyStreamBlock(),
        verbose_name="indhold",
        blank=True,
        help_text="Nyhedens tekst på hjemmesiden: tekst, overskrifter, billeder, citater, dokumenter og links. Nyhedsbrevet og Facebook viser kun manchetten.",
    )
    plan_periods = ParentalManyToManyField(
        "pages.PlanPeriodPage",
        verbose_name="helhedsplanperioder",
        blank=True,
        related_name="news",
        help_text="Nyheden vises også på de valgte helhedsplanperioders sider på hjemmesiden.",
    )
    housing_areas = ParentalManyToManyField(
        "pages.HousingAreaPage",
        verbose_name="boligområder",
        blank=True,
        related_name="news",
        help_text="Nyheden vises også på de valgte boligområders sider på hjemmesiden.",
    )
    pdf_version = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="nyheden som pdf-fil",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Vælg et dokument, hvis nyheden også findes som pdf; hjemmesiden linker til det.",
    )
    external_source_url = models.URLField(
        "kilde (link til avis o.l.)",
        blank=True,
        help_text="Link til den oprindelige artikel, hvis nyheden stammer fra en avis eller et andet medie.",
    )

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
    intro = RichTextField(
        "indledning",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Tekst øverst på oversigten over arrangementer på hjemmesiden.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "arrangementsoversigt"
        verbose_name_plural = "arrangementsoversigter"


class EventPage(HeadlessPageMixin, SocialShareMixin, ListingMixin, Page):
    starts_at = models.DateTimeField(
        "starttidspunkt",
        db_index=True,
        help_text="Hvornår arrangementet begynder. Hjemmesiden og nyhedsbrevet viser dato og klokkeslæt.",
    )
    ends_at = models.DateTimeField(
        "sluttidspunkt",
        null=True,
        blank=True,
        help_text="Hvornår arrangementet slutter. Tomt: kun starttidspunktet vises.",
    )
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
        help_text="Stedet fra listen over steder (adresse og kort på hjemmesiden).",
    )
    place_note = models.CharField("sted (fritekst)", max_length=255, blank=True, help_text="F.eks. 'ved bålpladsen'.")
    body = StreamField(
        BodyStreamBlock(),
        verbose_name="indhold og program",
        blank=True,
        help_text="Beskrivelse og program på hjemmesiden. Nyhedsbrevet og Facebook viser kun manchetten.",
    )
    is_cancelled = models.BooleanField(
        "aflyst",
        default=False,
        help_text="Markér, hvis arrangementet er aflyst: hjemmesiden viser det som aflyst, og nyhedsbrevet tager det ikke med.",
    )
    cancellation_reason = models.CharField(
        "årsag til aflysning",
        max_length=255,
        blank=True,
        help_text="Vises på hjemmesiden ved et aflyst arrangement.",
    )
    open_to_all = models.BooleanField(
        "åben for alle",
        default=True,
        help_text="Markér, hvis alle kan komme, også folk der ikke bor i området.",
    )
    price = models.CharField(
        "pris",
        max_length=100,
        blank=True,
        help_text="F.eks. 'Gratis' eller '20 kr. for voksne'. Vises på hjemmesiden.",
    )
    registration_url = models.URLField(
        "link til tilmelding",
        blank=True,
        help_text="Link til tilmelding. Hjemmesiden viser en knap til det.",
    )
    housing_areas = ParentalManyToManyField(
        "pages.HousingAreaPage",
        verbose_name="boligområder",
        blank=True,
        related_name="events",
        help_text="Arrangementet vises også på de valgte boligområders sider på hjemmesiden.",
    )
    organisers = ParentalManyToManyField(
        "organisations.Organisation",
        verbose_name="arrangører",
        blank=True,
        related_name="events",
        help_text="Organisationer, der står bag; vises på hjemmesiden.",
    )
    target_groups = ParentalManyToManyField(
        "organisations.TargetGroup",
        verbose_name="målgrupper",
        blank=True,
        related_name="events",
        help_text="Hvem arrangementet er for; hjemmesiden kan filtrere på det.",
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
