"""The site's top: the home page, the section indexes under it, its features and the settings."""

from wagtail.models import Page, Site

from home.models import HomePage, SiteSettings
from pages.models import (
    ActivityIndexPage,
    DocumentLibraryPage,
    EventIndexPage,
    HousingAreaIndexPage,
    NewsIndexPage,
    PlanPeriodIndexPage,
)

from . import examples, facts
from .state import Demo, publish_child


def home_page() -> HomePage:
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2).first()
    if home is None:
        # Wagtail's own migration leaves a "Welcome" page; the demo site replaces it.
        for page in root.get_children().exact_type(Page):
            if not page.get_children().exists():
                page.delete()
        home = HomePage(
            title="Boligsocial helhedsplan i Randers",
            slug="forside",
            hero_title="Boligsocial helhedsplan i Randers",
            hero_intro=f"<p>{facts.VISION}</p><p>{facts.LBF_RULE}</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Helhedsplan"
        )
    else:
        site.root_page = home
        site.save()
    return home


def indexes(demo: Demo) -> None:
    for key, page in [
        ("plans", PlanPeriodIndexPage(title="Helhedsplanen", slug="helhedsplanen", intro=f"<p>{facts.LBF_RULE}</p>")),
        ("areas", HousingAreaIndexPage(title="Boligområder", slug="boligomraader")),
        ("activities", ActivityIndexPage(title="Indsatser", slug="indsatser")),
        ("news", NewsIndexPage(title="Nyheder", slug="nyheder")),
        ("events", EventIndexPage(title="Arrangementer", slug="arrangementer")),
        ("library", DocumentLibraryPage(title="Dokumenter", slug="dokumenter")),
    ]:
        demo.indexes[key] = publish_child(demo.home, page)


def home_features(demo: Demo) -> None:
    """The home page features a period, an activity and a news item; once, so editors' choices stay."""
    if demo.home.featured.raw_data:
        return
    featured = []
    for index_slug, slug in examples.FEATURED:
        page = Page.objects.filter(slug=slug, path__startswith=demo.home.path, depth=demo.home.depth + 2).first()
        if page is not None and page.get_parent().slug == index_slug:
            featured.append(("page", page))
    demo.home.featured = featured
    demo.home.save_revision().publish()


def site_settings(demo: Demo) -> None:
    """The settings row, so editors find it filled in; no contact details or links are invented."""
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.get_or_create(site=site, defaults={"organisation_name": "Bysekretariatet"})
