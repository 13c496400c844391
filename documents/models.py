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
        "dokumenttype",
        max_length=40,
        choices=DocumentKind.choices,
        default=DocumentKind.OTHER,
        db_index=True,
        help_text="F.eks. helhedsplan, referat eller evaluering. Hjemmesiden kan filtrere på typen.",
    )
    plan_period = models.ForeignKey(
        "pages.PlanPeriodPage",
        verbose_name="helhedsplanperiode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text="Perioden dokumentet hører til; det vises på periodens side på hjemmesiden.",
    )
    published_on = models.DateField(
        "udgivelsesdato", null=True, blank=True, help_text="Hvornår dokumentet blev udgivet eller vedtaget."
    )
    description = models.TextField(
        "beskrivelse",
        blank=True,
        help_text="Kort beskrivelse i dokumentlisterne på hjemmesiden.",
    )
    audience = models.CharField(
        "målgruppe for dokument",
        max_length=20,
        choices=DocumentAudience.choices,
        default=DocumentAudience.PUBLIC,
        help_text="Kun bestyrelsen (intern): dokumentet vises ikke på hjemmesiden, i søgningen eller i API'et, "
        "og filen kræver login, uanset hvilken samling det ligger i.",
    )
    publisher = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="udgiver",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Organisationen, der har udgivet dokumentet.",
    )
    external_url = models.URLField(
        "ekstern version (link)",
        blank=True,
        help_text="Link til dokumentet et andet sted, f.eks. på kommunens hjemmeside.",
    )

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
    # Wagtail calls this field "description"; the API gives it as the image's altText,
    # so editors must see that it is the text for people who cannot see the picture.
    description = models.CharField(
        "alternativ tekst (beskrivelse til skærmlæsere)",
        max_length=255,
        blank=True,
        default="",
        help_text=(
            "Beskriv kort, hvad billedet viser, for dem der ikke kan se det. Bruges som alt-tekst "
            "på hjemmesiden, i nyhedsbrevet og af skærmlæsere. Gentag ikke billedteksten."
        ),
    )
    credit = models.CharField(
        "fotograf / kreditering",
        max_length=255,
        blank=True,
        help_text="Vises ved billedet på hjemmesiden, f.eks. 'Foto: Jens Hansen'.",
    )

    admin_form_fields = (*Image.admin_form_fields, "credit")

    class Meta(AbstractImage.Meta):
        verbose_name = "billede"
        verbose_name_plural = "billeder"


class PlanRendition(AbstractRendition):
    image = models.ForeignKey(PlanImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
