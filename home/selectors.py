"""Reads for the home page and the site-wide settings, shared by the API and the newsletter signup."""

from django.conf import settings
from django.db.models import prefetch_related_objects
from wagtail.models import Page, Site

from pages.images import listing_images_attach
from pages.visibility import Visibility

from .models import HomePage, SiteSettings


def site_settings_get(*, site: Site | None = None) -> SiteSettings:
    """The site's settings, or unsaved defaults: a read never creates the row."""
    site = site or Site.objects.filter(is_default_site=True).first()
    found = SiteSettings.objects.filter(site=site).first() if site else None
    return found or SiteSettings(site=site)


def newsletter_consent_text_get(*, site: Site | None = None) -> str:
    """The consent wording editors set in the site settings; the setting only when they left it empty."""
    return newsletter_consent_text_of(site_settings_get(site=site))


def newsletter_consent_text_of(site_settings: SiteSettings) -> str:
    return site_settings.newsletter_signup_text.strip() or settings.NEWSLETTER_CONSENT_TEXT


def home_page_get(*, visibility: Visibility, site: Site | None) -> HomePage | None:
    """The site's home page, when it is visible, with its office and featured pages loaded."""
    if site is None:
        return None
    home = visibility.pages(HomePage.objects.filter(pk=site.root_page_id)).select_related("office__place").first()
    if home is None:
        return None
    if home.office is not None:
        prefetch_related_objects([home.office], "opening_hours")
    home.visible_featured = home_featured_pages(visibility=visibility, home=home)
    return home


def home_featured_pages(*, visibility: Visibility, home: HomePage) -> list[Page]:
    """The featured pages in the editor's order: one query for the pages, one per page type, listing images once."""
    # The raw ids, not the blocks' values: those would be fetched as generic pages first.
    ids = [item["value"] for item in home.featured.raw_data if item["type"] == "page" and item["value"]]
    if not ids:
        return []
    pages = {page.pk: page for page in visibility.pages(Page.objects.filter(pk__in=ids)).specific()}
    featured = [pages[pk] for pk in ids if pk in pages]
    listing_images_attach(items=featured, visibility=visibility)
    return featured
