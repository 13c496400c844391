"""The site root, and per-site settings editors can change."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
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
    hero_title = models.CharField("overskrift på forsiden", max_length=255, blank=True)
    hero_intro = RichTextField("tekst på forsiden", blank=True, features=RICH_TEXT_FEATURES)
    featured = StreamField(FeaturedStreamBlock(), verbose_name="fremhævet", blank=True)
    office = models.ForeignKey(
        "organisations.ContactPoint",
        verbose_name="kontaktsted i sidefoden",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField("organisationens navn", max_length=255, default="Bysekretariatet")
    facebook_page_url = models.URLField("link til Facebook-siden", blank=True)
    newsletter_signup_text = models.TextField(
        "samtykketekst til nyhedsbrevet",
        blank=True,
        default="Ja tak, jeg vil gerne modtage Bysekretariatets månedlige nyhedsbrev på e-mail. "
        "Jeg kan altid afmelde mig igen via linket i nyhedsbrevet.",
    )

    panels = [FieldPanel("organisation_name"), FieldPanel("facebook_page_url"), FieldPanel("newsletter_signup_text")]

    class Meta:
        verbose_name = "indstillinger for hjemmesiden"
