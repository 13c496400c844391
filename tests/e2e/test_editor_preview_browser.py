"""The editor's side in Chromium: the preview panel, the Facebook status panel, the newsletter run.

Screenshots land in E2E_SCREENSHOT_DIR (default /tmp/e2e-screenshots).
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from newsletter.models import NewsletterIssue, NewsletterRun, RunState
from pages.models import NewsPage
from pages.reference import FRONTEND_CHECK_CACHE_KEY
from tests.factories import SuperuserFactory, create_site_tree
from tests.newsletter.conftest import smtp_server, smtp_server_factory  # noqa: F401

from .browser import log_in, screenshot

PASSWORD = "hemmelig-kode"
LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _published_news(tree, title, **fields):
    page = NewsPage(title=title, slug="sommerfest", teaser="Musik og grill på fælleden.", **fields)
    tree["news"].add_child(instance=page)
    page.save_revision().publish()
    return page


@LIVE
def test_the_preview_panel_shows_the_draft_as_it_is_typed_and_the_live_url_never_does(
    live_server, browser_context, settings
):
    from playwright.sync_api import expect

    settings.FRONTEND_BASE_URL = "http://127.0.0.1:9"  # no frontend: the CMS's own rendering
    cache.delete(FRONTEND_CHECK_CACHE_KEY)
    tree = create_site_tree()
    news = _published_news(tree, "Sommerfest i Nordbyen", body=[("paragraph", "<p>Kl. 14 åbner boderne.</p>")])
    editor = SuperuserFactory(username="redaktoer", password=PASSWORD)
    page = browser_context.new_page()
    log_in(page, live_server.url, editor.username, PASSWORD)

    page.goto(f"{live_server.url}/admin/pages/{news.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Sommerfest i Nordbyen")

    page.locator("#id_title").click()
    page.keyboard.press("End")
    page.keyboard.type(" – flyttet til søndag")
    expect(preview.locator("h1")).to_have_text("Sommerfest i Nordbyen – flyttet til søndag", timeout=20_000)
    expect(preview.locator("[data-reference-notice]")).to_contain_text("Forhåndsvisning af kladden")
    screenshot(page, "preview-panel")

    page.locator("footer").get_by_role("button", name="Gem kladde").click()
    page.wait_for_load_state()
    assert NewsPage.objects.get(pk=news.pk).latest_revision.as_object().title.endswith("flyttet til søndag")

    visitor = browser_context.browser.new_context(locale="da-DK").new_page()
    visitor.goto(f"{live_server.url}/nyheder/sommerfest/")
    expect(visitor.locator("h1")).to_have_text("Sommerfest i Nordbyen")
    expect(visitor.locator("[data-reference-notice]")).to_contain_text("Dette er CMS'ets egen visning")
    assert "flyttet til søndag" not in visitor.content()
    screenshot(visitor, "live-reference-rendering")


@LIVE
def test_the_facebook_status_panel_of_an_old_item_offers_share_now(live_server, browser_context, settings):
    from playwright.sync_api import expect

    settings.FACEBOOK_PAGE_ID, settings.FACEBOOK_PAGE_ACCESS_TOKEN = "1234567890", "token"
    settings.FACEBOOK_PUBLISH_ON_PAGE_PUBLISH = False
    tree = create_site_tree()
    news = _published_news(tree, "Gammel nyhed fra foråret", share_on_facebook=True)
    NewsPage.objects.filter(pk=news.pk).update(first_published_at=timezone.now() - dt.timedelta(days=60))
    editor = SuperuserFactory(username="redaktoer", password=PASSWORD)
    page = browser_context.new_page()
    log_in(page, live_server.url, editor.username, PASSWORD)

    page.goto(f"{live_server.url}/admin/pages/{news.pk}/edit/")
    panel = page.locator("[data-facebook-status]")
    page.get_by_role("tab", name="Deling og relationer").click()
    expect(panel).to_contain_text("Ikke delt (for gammel)")
    expect(panel.get_by_role("link", name="Del nu")).to_be_visible()
    panel.scroll_into_view_if_needed()
    screenshot(page, "facebook-status-panel", locator=panel)


@LIVE
def test_an_editor_builds_previews_and_test_sends_the_newsletter(live_server, browser_context, settings, smtp_server):  # noqa: F811
    from playwright.sync_api import expect

    settings.CMS_GRAPHQL_URL = f"{live_server.url}/graphql/"
    tree = create_site_tree()
    published = dt.datetime(2024, 5, 10, 9, tzinfo=dt.UTC)
    news = NewsPage(
        title="Ny legeplads i Vangdalen",
        slug="legeplads",
        teaser="Åbner lørdag.",
        first_published_at=published,
        published_date=published.date(),
    )
    tree["news"].add_child(instance=news)
    editor = SuperuserFactory(username="redaktoer", password=PASSWORD, email="redaktoer@example.dk")
    page = browser_context.new_page()
    log_in(page, live_server.url, editor.username, PASSWORD)

    page.goto(f"{live_server.url}/admin/nyhedsbrev/udgaver/")
    page.get_by_role("link", name="Byg udgave").first.click()
    page.fill("#id_month", "2024-05")
    page.locator("[data-newsletter-build] button[type='submit']").click()
    expect(page.locator("[data-newsletter-runs]")).to_contain_text("Udgaven for 2024-05 er bygget: 1 nyheder")
    screenshot(page, "newsletter-built")
    # Admin posts are one transaction (pages/admin_transactions.py), so the build task runs after the
    # answer: a new month's issue is reached from the list of issues, as an editor would.
    page.goto(f"{live_server.url}/admin/nyhedsbrev/udgaver/status/{NewsletterIssue.objects.get().pk}/")

    with page.expect_popup() as popup:
        page.locator("[data-newsletter-preview]").click()
    expect(popup.value.locator("body")).to_contain_text("Ny legeplads i Vangdalen")
    screenshot(popup.value, "newsletter-preview")

    page.locator("[data-newsletter-test]").click()
    expect(page.locator("[data-newsletter-runs]")).to_contain_text("Testmailen er sendt til redaktoer@example.dk")
    [message] = smtp_server.to("redaktoer@example.dk")
    assert str(message["Subject"]).strip().startswith("[Test] Nyhedsbrev fra Bysekretariatet")
    assert NewsletterRun.objects.filter(state=RunState.DONE).count() == 2
    assert NewsletterIssue.objects.get().state == "draft"
    screenshot(page, "newsletter-test-sent")
