"""Shared fixtures: a minimal site tree like the one editors work in."""

import pytest
from wagtail.models import Page, Site

from home.models import HomePage
from pages.models import (
    ActivityIndexPage,
    DocumentLibraryPage,
    EventIndexPage,
    HousingAreaIndexPage,
    NewsIndexPage,
    PlanPeriodIndexPage,
)


@pytest.fixture
def site_tree(db):
    """The home page as the default site's root, with one of each index page under it."""
    root = Page.get_first_root_node()
    for child in root.get_children():  # Wagtail's "Welcome" page from its own migration
        child.delete()
    home = root.add_child(instance=HomePage(title="Helhedsplan Randers", slug="forside"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Helhedsplan")
    tree = {"home": home}
    for key, model, title, slug in [
        ("plans", PlanPeriodIndexPage, "Helhedsplanen", "helhedsplanen"),
        ("areas", HousingAreaIndexPage, "Boligområder", "boligomraader"),
        ("activities", ActivityIndexPage, "Aktiviteter", "aktiviteter"),
        ("news", NewsIndexPage, "Nyheder", "nyheder"),
        ("events", EventIndexPage, "Arrangementer", "arrangementer"),
        ("library", DocumentLibraryPage, "Dokumenter", "dokumenter"),
    ]:
        tree[key] = home.add_child(instance=model(title=title, slug=slug))
    return tree


@pytest.fixture(scope="session", autouse=True)
def media_root(tmp_path_factory):
    """Uploaded files go to a folder of this test session, never into the project tree."""
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    return settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The demo content loaded once per test module, inside a transaction rolled back afterwards.

    Loading takes seconds; each test still runs in its own savepoint on top of it.
    """
    from django.db import transaction

    from home.demo.loader import demo_content_load

    with django_db_blocker.unblock(), transaction.atomic():
        demo_content_load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_module, db):
    """The full demo content, as `make run` loads it."""


def pytest_collection_modifyitems(items):
    """Every transactional test must also ask for serialized_rollback.

    A transactional test without it ends with a plain flush, which re-creates content
    types through post_migrate; the next test with serialized_rollback then fails to load
    its own copy of them (UNIQUE constraint on django_content_type), depending on order.
    A test that asks for `live_server` or `transactional_db` without the marker is
    transactional too (pytest-django makes it so), and is held to the same rule.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker and marker.kwargs.get("transaction")) or {"live_server", "transactional_db"} & set(
            getattr(item, "fixturenames", ())
        )
        if transactional and not (marker and marker.kwargs.get("serialized_rollback")):
            raise pytest.UsageError(f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)")
