"""Reusable records that many pages point at: who, where, and who decides.

They are snippets, not pages: they have no URL of their own on the website, and
the same organisation or place is chosen from many pages.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin
from wagtail.search import index

from .choices import GovernanceBodyKind, MembershipRole, OrganisationKind, Weekday


class Organisation(index.Indexed, models.Model):
    name = models.CharField(
        "navn",
        max_length=255,
        unique=True,
        help_text="Organisationens navn, som det vises på hjemmesiden.",
    )
    kind = models.CharField(
        "type",
        max_length=40,
        choices=OrganisationKind.choices,
        help_text="F.eks. boligorganisation, kommune eller forening.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="overordnet organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="F.eks. Randers Kommune for Børn og Skole.",
    )
    url = models.URLField(
        "hjemmeside",
        blank=True,
        help_text="Organisationens egen hjemmeside; hjemmesiden linker til den.",
    )
    logo = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Vises ved organisationen på hjemmesiden.",
    )

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("parent"), FieldPanel("url"), FieldPanel("logo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("kind")]

    class Meta:
        ordering = ["name"]
        verbose_name = "organisation"
        verbose_name_plural = "organisationer"

    def __str__(self):
        return self.name


class Person(index.Indexed, models.Model):
    """A public official or staff member in a public role.

    Residents are never recorded here (GDPR); `is_public` and the consent note
    let staff record people who agreed to be shown. No personal e-mail or phone:
    the website shows contact points (ContactPoint), never a person's details.
    """

    name = models.CharField(
        "navn",
        max_length=255,
        help_text="Vises på hjemmesiden, hvis 'vis offentligt' er markeret.",
    )
    job_title = models.CharField(
        "stillingsbetegnelse",
        max_length=255,
        blank=True,
        help_text="Vises ved navnet på hjemmesiden.",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    is_public = models.BooleanField(
        "vis offentligt", default=True, help_text="Fjern markeringen for at skjule personen på hjemmesiden."
    )
    consent_note = models.TextField(
        "samtykke", blank=True, help_text="Hvem har givet samtykke til at vise personen, og hvornår."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("job_title"),
        FieldPanel("organisation"),
        FieldPanel("is_public"),
        FieldPanel("consent_note"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("job_title")]

    class Meta:
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "personer"

    def __str__(self):
        return f"{self.name} ({self.job_title})" if self.job_title else self.name


class TargetGroup(models.Model):
    name = models.CharField(
        "navn",
        max_length=255,
        unique=True,
        help_text="F.eks. 'Børn 6-12 år'. Hjemmesiden kan filtrere indsatser og arrangementer på målgruppen.",
    )
    age_min = models.PositiveSmallIntegerField("alder fra", null=True, blank=True)
    age_max = models.PositiveSmallIntegerField("alder til", null=True, blank=True)
    description = models.TextField("beskrivelse", blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")], heading="Alder"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "målgruppe"
        verbose_name_plural = "målgrupper"

    def __str__(self):
        return self.name

    def clean(self):
        if self.age_min is not None and self.age_max is not None and self.age_max < self.age_min:
            raise ValidationError({"age_max": "'Alder til' skal være større end eller lig med 'alder fra'."})


class Place(index.Indexed, models.Model):
    name = models.CharField(
        "navn",
        max_length=255,
        help_text="F.eks. 'Fælleshuset i Nordbyen'. Vises på hjemmesiden.",
    )
    address = models.CharField(
        "adresse",
        max_length=255,
        blank=True,
        help_text="Gade og nummer; vises på hjemmesiden og bruges til kortet.",
    )
    postcode = models.CharField("postnr.", max_length=10, blank=True)
    city = models.CharField("by", max_length=100, blank=True, default="Randers")
    housing_area = models.ForeignKey(
        "pages.HousingAreaPage",
        verbose_name="boligområde",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
    )
    latitude = models.DecimalField("breddegrad", max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField("længdegrad", max_digits=9, decimal_places=6, null=True, blank=True)
    accessibility = models.TextField(
        "tilgængelighed",
        blank=True,
        help_text="F.eks. trappefri adgang og handicaptoilet. Vises på hjemmesiden.",
    )
    booking_url = models.URLField(
        "link til booking",
        blank=True,
        help_text="Link til booking af lokalet, hvis det kan lejes.",
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")])], heading="Adresse"
        ),
        FieldPanel("housing_area"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading="Placering på kort"),
        FieldPanel("accessibility"),
        FieldPanel("booking_url"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("address")]

    class Meta:
        ordering = ["name"]
        verbose_name = "sted"
        verbose_name_plural = "steder"

    def __str__(self):
        return self.name

    def clean(self):
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            raise ValidationError({"latitude": "Breddegraden skal ligge mellem -90 og 90."})
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            raise ValidationError({"longitude": "Længdegraden skal ligge mellem -180 og 180."})


class ContactPoint(ClusterableModel):
    name = models.CharField(
        "navn",
        max_length=255,
        help_text="F.eks. 'Bysekretariatet'. Vises på hjemmesiden med adresse og åbningstider.",
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    phone = models.CharField("telefon", max_length=40, blank=True)
    email = models.EmailField("e-mail", blank=True)
    place = models.ForeignKey(Place, verbose_name="sted", null=True, blank=True, on_delete=models.SET_NULL)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")], heading="Kontakt"),
        FieldPanel("place"),
        InlinePanel("opening_hours", heading="Åbningstider", label="Åbningstid"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "kontaktsted"
        verbose_name_plural = "kontaktsteder"

    def __str__(self):
        return self.name


class OpeningHours(Orderable):
    contact_point = ParentalKey(ContactPoint, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField("ugedag", choices=Weekday.choices)
    opens = models.TimeField("åbner", null=True, blank=True)
    closes = models.TimeField("lukker", null=True, blank=True)
    note = models.CharField("bemærkning", max_length=255, blank=True, help_text="F.eks. 'Lukket i skolernes ferier'.")

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "åbningstid"
        verbose_name_plural = "åbningstider"

    def clean(self):
        if (self.opens is None) != (self.closes is None):
            raise ValidationError("Angiv både hvornår der åbner og lukker, eller ingen af dem.")
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": "Lukketiden skal ligge efter åbningstiden."})


class GovernanceBody(DraftStateMixin, RevisionMixin, ClusterableModel):
    """A board, steering group or other body of one plan period.

    Bodies are per period because LBF funds each period separately and the members
    change with it; a draft state lets staff prepare a new composition unseen.
    """

    kind = models.CharField("type", max_length=30, choices=GovernanceBodyKind.choices)
    name = models.CharField("navn", max_length=255)
    plan_period = models.ForeignKey(
        "pages.PlanPeriodPage",
        verbose_name="helhedsplanperiode",
        on_delete=models.CASCADE,
        related_name="governance_bodies",
    )
    mandate = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name="kommissorium",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Hvad gruppen skal og må; vises på hjemmesiden.",
    )
    meeting_frequency = models.CharField(
        "mødefrekvens", max_length=255, blank=True, help_text="F.eks. 'Fire gange om året'."
    )
    description = models.TextField(
        "beskrivelse",
        blank=True,
        help_text="Vises på hjemmesiden.",
    )
    sort_order = models.PositiveSmallIntegerField("rækkefølge", default=0)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("plan_period")]),
        FieldPanel("name"),
        FieldPanel("mandate"),
        FieldPanel("meeting_frequency"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        InlinePanel("memberships", heading="Medlemmer", label="Medlemskab"),
    ]

    class Meta:
        ordering = ["plan_period__path", "sort_order", "name"]
        verbose_name = "organ"
        verbose_name_plural = "organer (bestyrelse, styregruppe …)"

    def __str__(self):
        return f"{self.name} ({self.plan_period.title})" if self.plan_period_id else self.name


class Membership(Orderable):
    body = ParentalKey(GovernanceBody, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, verbose_name="person", on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField("rolle", max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    represents = models.ForeignKey(
        Organisation,
        verbose_name="repræsenterer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    start_date = models.DateField("fra", null=True, blank=True)
    end_date = models.DateField("til", null=True, blank=True)
    source_url = models.URLField("kilde (link)", blank=True)

    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("role")]),
        FieldPanel("represents"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="Periode"),
        FieldPanel("source_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "medlemskab"
        verbose_name_plural = "medlemskaber"

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Slutdatoen skal ligge efter startdatoen."})
