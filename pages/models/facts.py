"""Dated facts about periods and areas: money, official lists, key figures.

Each is its own record rather than a field on a page because it is dated and
sourced: the same area is on different lists in different years, and amounts
change when a grant is extended.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index

from ..choices import AmountKind, ClassificationListType, FundingType

NOT_NEGATIVE = MinValueValidator(0, message="Beløbet kan ikke være negativt.")


class Criterion(models.Model):
    """An official criterion for the 1 December lists (employment, crime, education, income …)."""

    code = models.SlugField("kode", max_length=40, unique=True)
    label = models.CharField("navn", max_length=255)
    description = models.TextField("beskrivelse", blank=True)

    panels = [FieldPanel("code"), FieldPanel("label"), FieldPanel("description")]

    class Meta:
        ordering = ["label"]
        verbose_name = "kriterium"
        verbose_name_plural = "kriterier"

    def __str__(self):
        return self.label


class AreaClassification(models.Model):
    housing_area = models.ForeignKey(
        "pages.HousingAreaPage", verbose_name="boligområde", on_delete=models.CASCADE, related_name="classifications"
    )
    list_date = models.DateField("listedato", help_text="Listerne offentliggøres normalt 1. december.")
    list_type = models.CharField("liste", max_length=30, choices=ClassificationListType.choices)
    official_area_name = models.CharField(
        "officielt navn på listen", max_length=255, blank=True, help_text="Navnet som det står på listen."
    )
    criteria_met = models.ManyToManyField(Criterion, verbose_name="opfyldte kriterier", blank=True)
    verified = models.BooleanField("verificeret", default=False, help_text="Kontrolleret mod den officielle liste.")
    source_url = models.URLField("kilde (link)", blank=True)
    note = models.TextField("bemærkning", blank=True)

    panels = [
        FieldPanel("housing_area"),
        FieldRowPanel([FieldPanel("list_date"), FieldPanel("list_type")]),
        FieldPanel("official_area_name"),
        FieldPanel("criteria_met", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("verified"), FieldPanel("source_url"), FieldPanel("note")], heading="Kilde"),
    ]

    class Meta:
        ordering = ["-list_date"]
        verbose_name = "klassifikation (pr. 1. december)"
        verbose_name_plural = "klassifikationer"
        constraints = [
            models.UniqueConstraint(
                fields=["housing_area", "list_date", "list_type"], name="unique_classification_per_list"
            )
        ]

    def __str__(self):
        return f"{self.housing_area.title}: {self.get_list_type_display()} ({self.list_date:%d.%m.%Y})"


class FundingLine(DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """One amount from one funder to one period or activity.

    Draft state lets staff enter figures before a grant is public.
    """

    funder = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="bevillingsgiver",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_lines",
        help_text="Tom, hvis beløbet kommer fra flere parter tilsammen; skriv dem så i bemærkningen.",
    )
    funding_type = models.CharField("finansieringstype", max_length=30, choices=FundingType.choices)
    amount_kind = models.CharField("beløbstype", max_length=20, choices=AmountKind.choices, default=AmountKind.GRANTED)
    amount_dkk = models.BigIntegerField(
        "beløb (kr.)",
        null=True,
        blank=True,
        validators=[NOT_NEGATIVE],
        help_text="Hele kroner. Lad feltet stå tomt, hvis beløbet ikke er kendt.",
    )
    is_estimate = models.BooleanField("anslået beløb", default=False, help_text="F.eks. 'ca. 7 mio.'")
    programme = models.CharField("pulje / program", max_length=255, blank=True)
    plan_period = models.ForeignKey(
        "pages.PlanPeriodPage",
        verbose_name="helhedsplanperiode",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="funding_lines",
    )
    activity = models.ForeignKey(
        "pages.ActivityPage",
        verbose_name="indsats / aktivitet",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="funding_lines",
    )
    start_date = models.DateField("fra", null=True, blank=True)
    end_date = models.DateField("til", null=True, blank=True)
    decision_body = models.CharField("besluttet af", max_length=255, blank=True)
    decision_date = models.DateField("beslutningsdato", null=True, blank=True)
    note = models.TextField("bemærkning", blank=True)
    source_url = models.URLField("kilde (link)", blank=True)
    sort_order = models.PositiveSmallIntegerField("rækkefølge", default=0)

    panels = [
        FieldRowPanel([FieldPanel("plan_period"), FieldPanel("activity")], heading="Gælder for"),
        FieldRowPanel([FieldPanel("funder"), FieldPanel("funding_type")]),
        FieldRowPanel(
            [FieldPanel("amount_dkk"), FieldPanel("amount_kind"), FieldPanel("is_estimate")], heading="Beløb"
        ),
        FieldPanel("programme"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="Periode"),
        FieldRowPanel([FieldPanel("decision_body"), FieldPanel("decision_date")], heading="Beslutning"),
        FieldPanel("note"),
        FieldPanel("source_url"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("note"), index.SearchField("programme"), index.FilterField("funding_type")]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "finansieringslinje"
        verbose_name_plural = "finansiering"

    def __str__(self):
        amount = f"{self.amount_dkk:,} kr.".replace(",", ".") if self.amount_dkk is not None else "beløb ukendt"
        return f"{self.funder or self.note[:40]}: {self.get_funding_type_display()}, {amount}"

    def clean(self):
        if not self.funder_id and not self.note:
            raise ValidationError(
                {"funder": "Vælg en bevillingsgiver, eller skriv i bemærkningen hvem beløbet kommer fra."}
            )
        if not self.plan_period_id and not self.activity_id:
            raise ValidationError("Vælg den helhedsplanperiode eller den aktivitet, som finansieringen gælder for.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Slutdatoen skal ligge efter startdatoen."})


class KeyFigure(models.Model):
    label = models.CharField("betegnelse", max_length=255, help_text="F.eks. 'Lejemål' eller 'Beboere'.")
    value = models.DecimalField("værdi", max_digits=14, decimal_places=2)
    unit = models.CharField("enhed", max_length=30, blank=True, help_text="F.eks. 'antal' eller '%'.")
    as_of = models.DateField("opgjort pr.", null=True, blank=True)
    plan_period = models.ForeignKey(
        "pages.PlanPeriodPage",
        verbose_name="helhedsplanperiode",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    housing_area = models.ForeignKey(
        "pages.HousingAreaPage",
        verbose_name="boligområde",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="key_figures",
    )
    source_url = models.URLField("kilde (link)", blank=True)

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("value"), FieldPanel("unit")]),
        FieldPanel("as_of"),
        FieldRowPanel([FieldPanel("plan_period"), FieldPanel("housing_area")], heading="Gælder for"),
        FieldPanel("source_url"),
    ]

    class Meta:
        ordering = ["label"]
        verbose_name = "nøgletal"
        verbose_name_plural = "nøgletal"

    def __str__(self):
        return f"{self.label}: {self.value} {self.unit}".strip()

    def clean(self):
        if not self.plan_period_id and not self.housing_area_id:
            raise ValidationError("Vælg den periode eller det boligområde, som nøgletallet gælder for.")
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": "Værdien kan ikke være negativ."})
