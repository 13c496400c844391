"""Wagtail search over our pages: Danish stemming (PostgreSQL's, or ours on SQLite), live pages only."""

import pytest
from django.conf import settings
from wagtail.models import Page

from pages.models import NewsPage

pytestmark = pytest.mark.django_db


def _news(parent, title, teaser, *, live=True):
    page = NewsPage(title=title, slug=title.lower().replace(" ", "-"), teaser=teaser)
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    else:
        page.live = False
        page.save_revision()
        Page.objects.filter(pk=page.pk).update(live=False)
    return page


def test_danish_stemming_finds_inflected_forms(site_tree):
    page = _news(site_tree["news"], "Nyt fra Nordbyen", "Fem boligområder er med i planen.")
    results = NewsPage.objects.live().search("boligområde")
    assert page in list(results)


def test_search_backend_is_danish_on_every_database():
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    if settings.IS_POSTGRES:
        assert backend["BACKEND"] == "wagtail.search.backends.database"
        assert backend.get("SEARCH_CONFIG") == "danish"
    else:
        assert backend["BACKEND"] == "pages.search_backend"  # Danish Snowball stems on the query side


def test_search_finds_live_pages_by_teaser(site_tree):
    live = _news(site_tree["news"], "Sommerfest", "Sommerfest i Nørrevangsparken for hele familien")
    draft = _news(site_tree["news"], "Hemmelig kladde", "Sommerfest i Nørrevangsparken kladde", live=False)
    found = list(NewsPage.objects.live().search("Nørrevangsparken"))
    assert live in found
    assert draft not in found
