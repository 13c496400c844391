"""Activities and projects: what the plan actually does."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from ..choices import ActivityKind, ActivityStatus
from .mixins import HeadlessPageMixin, ListingMixin


class ActivityIndexPage(HeadlessPageMixin, Page):
    intro = RichTextField(
        "indledning",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Tekst øverst på oversigten over indsatser og aktiviteter på hjemmesiden.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.ActivityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "oversigt over indsatser"
        verbose_name_plural = "oversigter over indsatser"


class ActivityPage(HeadlessPageMixin, ListingMixin, Page):
    """An activity or project.

    Activities are not children of a focus area: one activity can serve several
    focus areas and run across periods, so it points at them instead.
    """

    kind = models.CharField(
        "type",
        max_length=20,
        choices=ActivityKind.choices,
        default=ActivityKind.PLAN_ACTIVITY,
        help_text="Hvilken slags indsats det er; hjemmesiden kan filtrere på det.",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.ACTIVE,
        help_text="Om indsatsen er i gang, planlagt eller afsluttet. Vises på hjemmesiden.",
    )
    body = StreamField(
        BodyStreamBlock(),
        verbose_name="indhold",
        blank=True,
        help_text="Beskrivelse af indsatsen på hjemmesiden.",
    )
    focus_areas = ParentalManyToManyField(
        "pages.FocusAreaPage",
        verbose_name="indsatsområder",
        blank=True,
        related_name="activities",
        help_text="Helhedsplanens indsatsområder, som indsatsen hører under; den vises på deres sider.",
    )
    housing_areas = ParentalManyToManyField(
        "pages.HousingAreaPage",
        verbose_name="boligområder",
        blank=True,
        related_name="activities",
        help_text="Boligområder, hvor indsatsen foregår; den vises på deres sider.",
    )
    target_groups = ParentalManyToManyField(
        "organisations.TargetGroup",
        verbose_name="målgrupper",
        blank=True,
        related_name="activities",
        help_text="Hvem indsatsen er for; hjemmesiden kan filtrere på det.",
    )
    age_min = models.PositiveSmallIntegerField(
        "alder fra",
        null=True,
        blank=True,
        help_text="Laveste alder for deltagere. Tom: ingen nedre grænse.",
    )
    age_max = models.PositiveSmallIntegerField(
        "alder til",
        null=True,
        blank=True,
        help_text="Højeste alder for deltagere. Tom: ingen øvre grænse.",
    )
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="arrangør / ansvarlig",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Organisationen, der har ansvaret; vises på hjemmesiden.",
    )
    contact = models.ForeignKey(
        "organisations.Person",
        verbose_name="kontaktperson",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Personen, som borgerne kan kontakte; vises kun, hvis personen må vises offentligt.",
    )
    place = models.ForeignKey(
        "organisations.Place",
        verbose_name="sted / hvor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Stedet fra listen over steder (adresse og kort på hjemmesiden).",
    )
    schedule = models.CharField("hvornår", max_length=255, blank=True, help_text="F.eks. 'Hver tirsdag kl. 16-18'.")
    price = models.CharField(
        "pris",
        max_length=100,
        blank=True,
        help_text="F.eks. '20 kr. pr. gang'. Vises på hjemmesiden.",
    )
    is_free = models.BooleanField(
        "gratis",
        default=False,
        help_text="Markér, hvis det er gratis at deltage.",
    )
    registration_required = models.BooleanField(
        "tilmelding påkrævet",
        default=False,
        help_text="Markér, hvis man skal tilmelde sig.",
    )
    registration_url = models.URLField(
        "link til tilmelding",
        blank=True,
        help_text="Link til tilmelding. Hjemmesiden viser en knap til det.",
    )
    start_date = models.DateField(
        "startdato",
        null=True,
        blank=True,
        help_text="Hvornår indsatsen begyndte eller begynder.",
    )
    end_date = models.DateField(
        "slutdato",
        null=True,
        blank=True,
        help_text="Hvornår indsatsen slutter. Tom: løbende.",
    )

    parent_page_types = ["pages.ActivityIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("body"),
    ]
    plan_panels = [
        FieldPanel("focus_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("housing_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")], heading="Alder"),
        InlinePanel("partners", heading="Samarbejdspartnere", label="Samarbejdspartner"),
    ]
    practical_panels = [
        FieldRowPanel([FieldPanel("organiser"), FieldPanel("contact")]),
        FieldPanel("place"),
        FieldPanel("schedule"),
        FieldRowPanel([FieldPanel("price"), FieldPanel("is_free")], heading="Pris"),
        MultiFieldPanel([FieldPanel("registration_required"), FieldPanel("registration_url")], heading="Tilmelding"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="Periode"),
    ]
    promote_panels = [*Page.promote_panels, *ListingMixin.listing_panels]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Indhold"),
            ObjectList(plan_panels, heading="Plan og målgrupper"),
            ObjectList(practical_panels, heading="Praktisk"),
            ObjectList(promote_panels, heading="Promovering"),
            ObjectList(Page.settings_panels, heading="Indstillinger"),
        ]
    )
    search_fields = [*Page.search_fields, index.SearchField("teaser"), index.SearchField("body")]

    class Meta:
        verbose_name = "indsats / aktivitet"
        verbose_name_plural = "indsatser / aktiviteter"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "Slutdatoen skal ligge efter startdatoen."
        if self.age_min is not None and self.age_max is not None and self.age_max < self.age_min:
            errors["age_max"] = "'Alder til' skal være større end eller lig med 'alder fra'."
        if errors:
            raise ValidationError(errors)


class ActivityPartner(Orderable):
    ROLE_CHOICES = [("samarbejdspartner", "Samarbejdspartner"), ("udfoerer", "Udfører"), ("finansierer", "Finansierer")]

    page = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name="organisation", on_delete=models.CASCADE
    )
    role = models.CharField("rolle", max_length=20, choices=ROLE_CHOICES, default="samarbejdspartner")

    panels = [FieldRowPanel([FieldPanel("organisation"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = "samarbejdspartner"
        verbose_name_plural = "samarbejdspartnere"
