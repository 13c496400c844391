"""An editor publishes a news item through the real Danish admin in a real browser.

Headless Chromium (Playwright, sync API) against pytest-django's `live_server`:
the admin's JavaScript (slug from title, the footer's publish dropdown) runs for real.
"""

import contextlib
from pathlib import Path

import pytest

from pages.models import NewsPage
from tests.factories import SuperuserFactory, create_site_tree

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOT = Path("/tmp/e2e-news.png")
TITLE = "Sommerfest i Nordbyen – børn og forældre mødes"
TEASER = "Lørdag den 14. juni holder beboerne sommerfest på fælleden med musik, grill og hoppeborg."
PASSWORD = "hemmelig-kode"


@pytest.fixture
def browser_page(monkeypatch):
    """A Chromium page; skips when the browser is not installed, screenshots whatever happens."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}: install the Debian package 'chromium' to run e2e tests")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from
    # the test would otherwise be refused as "async unsafe".
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="da-DK", viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            yield page
        finally:
            with contextlib.suppress(PlaywrightError):  # a crashed browser must not hide the real failure
                page.screenshot(path=str(SCREENSHOT), full_page=True)
            context.close()
            browser.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_publishes_a_news_item_in_the_browser(live_server, browser_page):
    from playwright.sync_api import expect

    tree = create_site_tree()
    news_index = tree["news"]
    editor = SuperuserFactory(username="redaktoer", password=PASSWORD)
    page = browser_page

    # Log in through the Danish login form.
    page.goto(f"{live_server.url}/admin/login/")
    expect(page.locator("h1")).to_contain_text("Log ind")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    # Open the news index in the page explorer and add a child page.
    page.goto(f"{live_server.url}/admin/pages/{news_index.pk}/")
    expect(page.locator("h1")).to_contain_text("Nyheder")
    page.get_by_role("link", name="Tilføj en underside").first.click()
    # The news index allows one page type only ("nyhed"), so Wagtail opens its form straight away.
    page.wait_for_url(f"{live_server.url}/admin/pages/add/pages/newspage/{news_index.pk}/")
    expect(page.locator("h1")).to_contain_text("Ny: Nyhed")

    page.fill("#id_title", TITLE)
    page.fill("#id_teaser", TEASER)

    # "Udgiv" sits in the dropdown next to "Gem kladde" in the footer.
    footer = page.locator("footer")
    footer.locator(".w-dropdown__toggle").click()
    publish = footer.get_by_role("button", name="Udgiv")
    expect(publish).to_be_visible()
    publish.click()

    # Back in the explorer for the news index: the new page is listed as live.
    page.wait_for_url(f"{live_server.url}/admin/pages/{news_index.pk}/")
    row = page.locator("table.listing tbody tr", has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row.locator(".w-status")).to_have_text("Sidens status: udgivet")
    expect(page.locator(".messages")).to_contain_text(TITLE)

    news = NewsPage.objects.get(title=TITLE)
    assert news.live
    assert news.get_parent().pk == news_index.pk
    assert news.teaser == TEASER
    assert news.owner == editor
    assert news.slug.startswith("sommerfest-i-nordbyen-"), "the admin fills the slug from the title"
