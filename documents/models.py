"""Custom document and image models, in place from the first migration.

Documents carry the metadata the website filters on (kind, plan period, date).
Privacy is Wagtail's collection privacy plus the audience field: a document
marked "Kun bestyrelsen (intern)" is hidden from the API and its download needs
a login whatever its collection (pages/visibility.py, documents/wagtail_hooks.py).
"""

from django.db import models
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import AbstractImage, AbstractRendition, Image
from wagtail.search import index

from .choices import DocumentAudience, DocumentKind


class PlanDocument(AbstractDocument):
    kind = models.CharField(
        "dokumenttype", max_length=40, choices=DocumentKind.choices, default=DocumentKind.OTHER, db_index=True
    )
    plan_period = models.ForeignKey(
        "pages.PlanPeriodPage",
        verbose_name="helhedsplanperiode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    published_on = models.DateField(
        "udgivelsesdato", null=True, blank=True, help_text="Hvornår dokumentet blev udgivet eller vedtaget."
    )
    description = models.TextField("beskrivelse", blank=True)
    audience = models.CharField(
        "målgruppe for dokument",
        max_length=20,
        choices=DocumentAudience.choices,
        default=DocumentAudience.PUBLIC,
        help_text="Interne dokumenter skal desuden ligge i en privat samling for at være skjult.",
    )
    publisher = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="udgiver",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_url = models.URLField("ekstern version (link)", blank=True)

    admin_form_fields = (
        *Document.admin_form_fields,
        "kind",
        "plan_period",
        "published_on",
        "description",
        "audience",
        "publisher",
        "external_url",
    )
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("plan_period"),
        index.FilterField("published_on"),
        # pages/visibility.py leaves internal documents out of search results with it.
        index.FilterField("audience"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "dokument"
        verbose_name_plural = "dokumenter"


class PlanImage(AbstractImage):
    credit = models.CharField("fotograf / kreditering", max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = "billede"
        verbose_name_plural = "billeder"


class PlanRendition(AbstractRendition):
    image = models.ForeignKey(PlanImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
