"""The site root, and per-site settings editors can change."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from pages.blocks import RICH_TEXT_FEATURES
from pages.models import HeadlessPageMixin


class FeaturedStreamBlock(blocks.StreamBlock):
    page = blocks.PageChooserBlock(label="Side", icon="doc-empty")

    class Meta:
        label = "Fremhævet indhold"


class HomePage(HeadlessPageMixin, Page):
    hero_title = models.CharField(
        "overskrift på forsiden",
        max_length=255,
        blank=True,
        help_text="Den store overskrift øverst på hjemmesidens forside. Tom: sidens titel bruges.",
    )
    hero_intro = RichTextField(
        "tekst på forsiden",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Kort tekst under overskriften på hjemmesidens forside.",
    )
    featured = StreamField(
        FeaturedStreamBlock(),
        verbose_name="fremhævet",
        blank=True,
        help_text="Sider og links, der fremhæves på hjemmesidens forside, i den viste rækkefølge.",
    )
    office = models.ForeignKey(
        "organisations.ContactPoint",
        verbose_name="kontaktsted i sidefoden",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Adresse, telefon og åbningstider, der vises i sidefoden på alle sider af hjemmesiden.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("hero_intro"),
        FieldPanel("featured"),
        FieldPanel("office"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.PlanPeriodIndexPage",
        "pages.HousingAreaIndexPage",
        "pages.ActivityIndexPage",
        "pages.NewsIndexPage",
        "pages.EventIndexPage",
        "pages.DocumentLibraryPage",
    ]

    class Meta:
        verbose_name = "forside"
        verbose_name_plural = "forsider"


# The one wording of the newsletter consent: the signup stores it and the API shows it.
DEFAULT_CONSENT_TEXT = (
    "Ja tak, jeg vil gerne have Bysekretariatets månedlige nyhedsbrev om helhedsplanen på e-mail. "
    "Jeg kan til enhver tid afmelde mig med linket i nyhedsbrevet."
)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the website shows on every page (footer, signup), edited in one place per site."""

    organisation_name = models.CharField(
        "organisationens navn",
        max_length=255,
        default="Bysekretariatet",
        help_text="Vises som afsender i nyhedsbrevet og i sidefoden på hjemmesiden.",
    )
    contact_email = models.EmailField("e-mail til kontakt", blank=True)
    contact_phone = models.CharField("telefon til kontakt", max_length=40, blank=True)
    facebook_page_url = models.URLField(
        "link til Facebook-siden",
        blank=True,
        help_text="Linket til Facebook-siden, som hjemmesiden og nyhedsbrevet viser.",
    )
    instagram_url = models.URLField("link til Instagram", blank=True)
    newsletter_signup_text = models.TextField(
        "samtykketekst til nyhedsbrevet",
        blank=True,
        default=DEFAULT_CONSENT_TEXT,
        help_text="Vises ved tilmeldingen og gemmes med hver tilmelding. Tom betyder: standardteksten bruges.",
    )

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")], heading="Kontakt"),
        MultiFieldPanel([FieldPanel("facebook_page_url"), FieldPanel("instagram_url")], heading="Sociale medier"),
        FieldPanel("newsletter_signup_text"),
    ]

    class Meta:
        verbose_name = "indstillinger for hjemmesiden"
