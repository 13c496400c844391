"""GraphiQL works without the internet: every asset comes from our static files.

Headless Chromium against `live_server` with GraphiQL on (as under `make run`);
every request that leaves the loopback interface is aborted. The page must render,
open the examples of docs/api.md as tabs, run the first one and show its answer.
"""

import contextlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from api.graphiql import docs_examples
from pages.models import NewsPage
from tests.factories import create_site_tree

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOT = Path("/tmp/e2e-graphiql.png")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture
def offline_page(monkeypatch):
    """A Chromium page whose requests beyond loopback are aborted; yields (page, aborted URLs)."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}: install the Debian package 'chromium' to run e2e tests")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop here
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    aborted: list[str] = []

    def only_loopback(route):
        if urlsplit(route.request.url).hostname in LOOPBACK:
            route.continue_()
        else:
            aborted.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(locale="da-DK", viewport={"width": 1400, "height": 900})
        context.route("**/*", only_loopback)
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            yield page, aborted
        finally:
            with contextlib.suppress(PlaywrightError):
                page.screenshot(path=str(SCREENSHOT), full_page=True)
            context.close()
            browser.close()


@pytest.mark.urls("tests.e2e.graphiql_urls")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_graphiql_renders_and_runs_a_query_offline(live_server, offline_page):
    from playwright.sync_api import expect

    tree = create_site_tree()
    news = tree["news"].add_child(instance=NewsPage(title="Loppemarked i Nordbyen", slug="loppemarked"))
    news.save_revision().publish()
    page, aborted = offline_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{live_server.url}/graphql/", wait_until="networkidle")

    expect(page.locator(".graphiql-container")).to_be_visible()
    # One tab per example of the API guide, the first (the home page query) open.
    expect(page.locator(".graphiql-tab")).to_have_count(len(docs_examples()))
    expect(page.locator(".graphiql-query-editor")).to_contain_text("query Home")

    page.locator(".graphiql-execute-button").click()

    expect(page.locator(".graphiql-response")).to_contain_text("Loppemarked i Nordbyen")
    assert aborted == []
    assert errors == []
