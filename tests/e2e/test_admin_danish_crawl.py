"""The admin is Danish on every screen an editor or administrator uses: a crawl in headless Chromium.

The crawl logs in as a superuser and as an editor (a user in the "Redaktør" group),
visits the admin's screens over the demo content (each page type's editor with every
tab opened, the choosers, the libraries, snippets, settings, reports, users, groups,
collections, redirects, the newsletter and Facebook screens), and provokes the
JavaScript's messages (the StreamField placeholder, the autosave status, the
validation-error banner). On each screen it reads what a person sees or hears: the
visible text, the document title, placeholders, aria-labels and titles. Any of that
which equals a message of Wagtail's or Django's English catalogue (or matches one with
its placeholders filled in) is an untranslated string.

Each screen is printed with its URL and count, and saved as a screenshot under
docs/screenshots/admin/ (the editor guide, docs/redaktoer.md, uses them).
"""

import contextlib
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest

from .english_catalogue import EnglishCatalogue

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = Path(os.environ.get("ADMIN_SCREENSHOT_DIR", ROOT / "docs" / "screenshots" / "admin"))
PASSWORD = "hemmelig-kode"

# What a person sees or hears: visible lines, the title, and the labels of controls.
VISIBLE_TEXT_JS = """
() => {
  const texts = [document.title];
  for (const line of document.body.innerText.split("\\n")) texts.push(line);
  for (const el of document.querySelectorAll("[placeholder], [aria-label], [title], img[alt], [data-placeholder]")) {
    for (const name of ["placeholder", "aria-label", "title", "alt", "data-placeholder"]) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts;
}
"""


@dataclass
class ScreenResult:
    role: str
    name: str
    url: str
    untranslated: list[str]


class Crawl:
    """Visits screens in one browser page and records, per screen, what is still English."""

    def __init__(self, page, *, base_url: str, role: str, catalogue: EnglishCatalogue):
        self.page = page
        self.base_url = base_url
        self.role = role
        self.catalogue = catalogue
        self.results: list[ScreenResult] = []

    def visit(self, name: str, path: str, *, wait_for: str | None = None) -> None:
        response = self.page.goto(f"{self.base_url}{path}", wait_until="load")
        assert response.ok, f"{name}: {path} answered {response.status}"
        if wait_for:
            self.page.wait_for_selector(wait_for)
        self.check(name)

    def check(self, name: str, *, extra: list[str] | None = None) -> list[str]:
        texts = self.page.evaluate(VISIBLE_TEXT_JS) + (extra or [])
        found = sorted(set(self.catalogue.untranslated(texts)))
        url = self.page.url.removeprefix(self.base_url)
        self.results.append(ScreenResult(self.role, name, url, found))
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(Exception):  # a screenshot is a by-product, never the failure
            self.page.screenshot(path=str(SCREENSHOTS / f"{self.role}-{name}.jpg"), type="jpeg", quality=60)
        return found

    def editor_tabs(self, name: str) -> None:
        """Check the page editor once per tab: hidden tabs are not in innerText."""
        tabs = self.page.locator("[role=tablist] [role=tab]")
        self.check(name)
        for index in range(1, tabs.count()):
            tab = tabs.nth(index)
            if not tab.is_visible():
                continue
            tab.click()
            self.page.wait_for_timeout(150)
            self.check(f"{name}-fane{index + 1}")


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")


def crawl_logged_out(crawl: Crawl) -> None:
    crawl.visit("log-ind", "/admin/login/")
    crawl.page.fill("#id_username", "findes-ikke")
    crawl.page.fill("#id_password", "forkert")
    crawl.page.locator("form button[type=submit]").click()
    crawl.page.wait_for_load_state("networkidle")
    crawl.check("log-ind-fejl")
    crawl.visit("glemt-adgangskode", "/admin/password_reset/")


def crawl_editor_screens(crawl: Crawl, ids: dict, *, every_tab: bool = True) -> None:
    """The screens every editor uses; the superuser sees the same and more.

    `every_tab=False` opens the extra tabs only for the page types the guide shows them
    for: the superuser's crawl has already read every tab of every page type, and the
    editor's tabs differ only by permissions, which the first tab and the footer show.
    """
    page = crawl.page
    crawl.visit("oversigt", "/admin/")
    crawl.visit("sidetrae", f"/admin/pages/{ids['home']}/")
    crawl.visit("nyheder", f"/admin/pages/{ids['news_index']}/")
    crawl.visit("soegning", "/admin/pages/search/?q=helhedsplan")
    # The sidebar's page explorer (JavaScript): open it from the menu.
    with contextlib.suppress(Exception):
        page.goto(f"{crawl.base_url}/admin/")
        page.locator("[data-side-panel-toggle], .sidebar-menu-item button", has_text="Sider").first.click()
        page.wait_for_timeout(500)
        crawl.check("sidetrae-menu")

    tabbed = {"plan_period", "housing_area", "activity", "news", "event"}
    for key, label in [
        ("home", "forside"),
        ("plan_period", "helhedsplanperiode"),
        ("focus_area", "fokusomraade"),
        ("housing_area", "boligomraade"),
        ("activity", "indsats"),
        ("news", "nyhed"),
        ("event", "arrangement"),
        ("document_collection", "dokumentsamling"),
        ("news_index", "nyhedsoversigt"),
    ]:
        page.goto(f"{crawl.base_url}/admin/pages/{ids[key]}/edit/", wait_until="load")
        if every_tab or key in tabbed:
            crawl.editor_tabs(f"rediger-{label}")
        else:
            crawl.check(f"rediger-{label}")

    # The status side panel of a news item: scheduled publishing, privacy, usage.
    page.goto(f"{crawl.base_url}/admin/pages/{ids['news']}/edit/")
    page.wait_for_load_state("networkidle")
    page.locator('[data-side-panel-toggle="status"]').first.click()
    page.wait_for_timeout(400)
    crawl.check("rediger-nyhed-status")

    # A new news item: the StreamField's placeholder, the image chooser, autosave, validation errors.
    page.goto(f"{crawl.base_url}/admin/pages/add/pages/newspage/{ids['news_index']}/")
    page.wait_for_load_state("networkidle")
    body = page.locator("[data-contentpath=body]").first
    body.locator("button[title], button.c-sf-add-button").first.click()
    page.wait_for_timeout(300)
    crawl.check("ny-nyhed-blokvalg")
    page.locator(".w-combobox__option, [role=option]", has_text="Tekst").first.click()
    page.wait_for_timeout(500)
    crawl.check("ny-nyhed-tekstblok")
    page.locator("[data-contentpath=listing_image] button", has_text="Vælg").first.click()
    # Wagtail's chooser is a fixed-position modal: "attached", since Playwright calls it invisible.
    page.wait_for_selector(".modal.in .modal-body .w-tabs", state="attached")
    page.wait_for_load_state("networkidle")
    crawl.check("billedvaelger")
    page.locator(".modal.in [role=tab]").nth(1).click()
    page.wait_for_timeout(300)
    crawl.check("billedvaelger-upload")
    page.locator(".modal.in button.close, .modal.in [data-dismiss]").first.click()
    page.wait_for_timeout(300)
    page.fill("#id_title", "Nyhed fra crawlet")
    page.fill("#id_teaser", "En kort tekst")
    page.wait_for_timeout(2500)  # autosave runs after a pause in typing
    crawl.check("ny-nyhed-autogem")
    # Validation errors: an empty title, then save.
    page.fill("#id_title", "")
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    crawl.check("ny-nyhed-valideringsfejl")

    crawl.visit("historik", f"/admin/pages/{ids['news']}/history/")
    crawl.visit("billeder", "/admin/images/")
    crawl.visit("billede-rediger", f"/admin/images/{ids['image']}/")
    crawl.visit("billeder-tilfoej", "/admin/images/multiple/add/")
    crawl.visit("dokumenter", "/admin/documents/")
    crawl.visit("dokument-rediger", f"/admin/documents/edit/{ids['document']}/")
    crawl.visit("dokumenter-tilfoej", "/admin/documents/multiple/add/")
    crawl.visit("uddrag", "/admin/snippets/")
    crawl.visit("finansieringslinjer", "/admin/snippets/pages/fundingline/")
    crawl.visit("finansieringslinje-ny", "/admin/snippets/pages/fundingline/add/")
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    crawl.check("finansieringslinje-fejl")
    crawl.visit("klassifikationer", "/admin/snippets/pages/areaclassification/")
    crawl.visit("organisationer", "/admin/snippets/organisations/organisation/")
    crawl.visit("organisation-rediger", f"/admin/snippets/organisations/organisation/edit/{ids['organisation']}/")
    crawl.visit("nyhedsbrev-udgaver", "/admin/nyhedsbrev/udgaver/")
    crawl.visit("facebook-opslag", "/admin/facebook_posts/")
    crawl.visit("konto", "/admin/account/")


def crawl_editor_guide(crawl: Crawl, ids: dict) -> None:
    """The help menu opens the Danish editor guide inside the admin, with its screenshots.

    Run last, so that the screenshots the guide shows were all taken by this crawl.
    """
    page = crawl.page
    page.goto(f"{crawl.base_url}/admin/", wait_until="load")
    page.locator("nav [aria-label], .sidebar").get_by_text("Hjælp", exact=True).first.click()
    page.locator("nav").get_by_role("link", name="Vejledning for redaktører").click()
    page.wait_for_url(f"{crawl.base_url}/admin/vejledning/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1", has_text="Vejledning for redaktører").count() >= 1
    sources = page.evaluate("() => [...document.querySelectorAll('article img')].map(img => img.src)")
    assert len(sources) >= 10
    assert page.evaluate("() => document.querySelector('article img').naturalWidth") > 0  # the first, in view
    for src in sources:  # the rest load lazily: fetch them with the editor's session
        assert page.request.get(src).status == 200, src
    crawl.check("vejledning")


def crawl_admin_screens(crawl: Crawl, ids: dict) -> None:
    """What only administrators use."""
    crawl.visit("indstillinger", f"/admin/settings/home/sitesettings/{ids['site']}/")
    crawl.visit("rapport-laaste-sider", "/admin/reports/locked/")
    crawl.visit("rapport-historik", "/admin/reports/site-history/")
    crawl.visit("rapport-aldrende-sider", "/admin/reports/aging-pages/")
    crawl.visit("rapport-sidetyper", "/admin/reports/page-types-usage/")
    crawl.visit("brugere", "/admin/users/")
    crawl.visit("bruger-ny", "/admin/users/new/")
    crawl.visit("grupper", "/admin/groups/")
    crawl.visit("gruppe-redaktoer", f"/admin/groups/edit/{ids['group']}/")
    crawl.visit("samlinger", "/admin/collections/")
    crawl.visit("samling-ny", "/admin/collections/add/")
    crawl.visit("omdirigeringer", "/admin/redirects/")
    crawl.visit("omdirigering-ny", "/admin/redirects/add/")
    crawl.visit("websteder", "/admin/sites/")
    crawl.visit("arbejdsgange", "/admin/workflows/list/")
    crawl.visit("nyhedsbrev-abonnenter", "/admin/nyhedsbrev/abonnenter/")


def add_image() -> None:
    """The demo content has no images; the image screens need one."""
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image

    from documents.models import PlanImage

    buffer = BytesIO()
    Image.new("RGB", (640, 360), (40, 110, 90)).save(buffer, format="PNG")
    PlanImage.objects.create(
        title="Fælleshuset i Nordbyen",
        file=ImageFile(buffer, name="faelleshus.png"),
        description="Fælleshuset set fra legepladsen",
    )


def demo_ids() -> dict:
    from django.contrib.auth.models import Group
    from wagtail.models import Site

    from documents.models import PlanDocument, PlanImage
    from home.models import HomePage
    from organisations.models import Organisation
    from pages.models import (
        ActivityPage,
        DocumentCollectionPage,
        EventPage,
        FocusAreaPage,
        HousingAreaPage,
        NewsIndexPage,
        NewsPage,
        PlanPeriodPage,
    )

    return {
        "home": HomePage.objects.get().pk,
        "plan_period": PlanPeriodPage.objects.first().pk,
        "focus_area": FocusAreaPage.objects.first().pk,
        "housing_area": HousingAreaPage.objects.first().pk,
        "activity": ActivityPage.objects.first().pk,
        "news_index": NewsIndexPage.objects.get().pk,
        "news": NewsPage.objects.first().pk,
        "event": EventPage.objects.first().pk,
        "document_collection": DocumentCollectionPage.objects.first().pk,
        "image": PlanImage.objects.first().pk,
        "document": PlanDocument.objects.first().pk,
        "organisation": Organisation.objects.first().pk,
        "site": Site.objects.get(is_default_site=True).pk,
        "group": Group.objects.get(name="Redaktør").pk,
    }


def report(results: list[ScreenResult]) -> str:
    lines = [f"{'rolle':<12} {'skærm':<34} {'uoversat':>8}  URL"]
    for result in results:
        lines.append(f"{result.role:<12} {result.name:<34} {len(result.untranslated):>8}  {result.url}")
        lines.extend(f"{'':<12} - {text}" for text in result.untranslated)
    return "\n".join(lines)


@pytest.fixture
def browser(monkeypatch):
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}: install the Debian package 'chromium' to run e2e tests")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser):
    context = browser.new_context(locale="da-DK", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_admin_screen_is_danish_for_superuser_and_editor(live_server, browser):
    from django.contrib.auth.models import Group

    from home.demo.loader import demo_content_load
    from tests.factories import SuperuserFactory
    from users.models import User

    demo_content_load()
    add_image()
    SuperuserFactory(username="admin", password=PASSWORD)
    editor = User.objects.create_user("redaktoer", "redaktoer@example.org", PASSWORD, first_name="Rikke")
    editor.groups.add(Group.objects.get(name="Redaktør"))
    ids = demo_ids()
    catalogue = EnglishCatalogue.load()
    base_url = live_server.url

    results = []
    anonymous = Crawl(new_page(browser), base_url=base_url, role="anonym", catalogue=catalogue)
    crawl_logged_out(anonymous)
    results += anonymous.results

    for username, role, crawls in [
        ("admin", "superbruger", [crawl_editor_screens, crawl_admin_screens]),
        ("redaktoer", "redaktoer", [partial(crawl_editor_screens, every_tab=False), crawl_editor_guide]),
    ]:
        page = new_page(browser)
        log_in(page, base_url, username)
        crawl = Crawl(page, base_url=base_url, role=role, catalogue=catalogue)
        for crawl_screens in crawls:
            crawl_screens(crawl, ids)
        results += crawl.results
        page.context.close()

    print("\n" + report(results))
    screens = {(result.role, result.url) for result in results}
    assert len({url for role, url in screens if role == "superbruger"}) >= 25
    assert len({url for role, url in screens if role == "redaktoer"}) >= 25
    left = [result for result in results if result.untranslated]
    assert not left, "English left on screen:\n" + report(left)
