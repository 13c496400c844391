"""Text typed into a new news item right after the editor opens is autosaved and survives a closed tab.

The issue's report ("Work is lost"): text typed into a new news item was gone after
the tab was closed. Cause (docs/autosave.md): Wagtail 8.0.1 takes its snapshot of
"unchanged" form data about two seconds after the editor loads, so what is typed
before that never counts as a change and is never autosaved. Our editor script
(pages/templates/pages/admin/early_edits.html) makes those edits count. The test
types at once, as a quick editor (or a slow machine) would.
"""

import pytest

from pages.models import NewsPage
from tests.factories import SuperuserFactory, create_site_tree

from .browser import log_in, screenshot

TITLE = "Fællesspisning i Vorup"
BODY_TEXT = "Beboerne mødes på fælleden lørdag kl. 14."


def autosave_post(url_part: str):
    return lambda response: response.request.method == "POST" and url_part in response.url and response.ok


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_body_text_of_a_new_news_item_survives_autosave_and_a_closed_tab(live_server, browser_context):
    from playwright.sync_api import expect

    tree = create_site_tree()
    editor = SuperuserFactory(username="redaktoer", password="hemmelig-kode")
    page = browser_context.new_page()
    log_in(page, live_server.url, editor.username, "hemmelig-kode")
    page.goto(f"{live_server.url}/admin/pages/add/pages/newspage/{tree['news'].pk}/")

    body = page.locator("[data-contentpath='body']")
    # Everything is typed at once after the editor opens; the first autosave then creates the page.
    with page.expect_response(autosave_post("/admin/pages/add/"), timeout=30_000) as created:
        page.fill("#id_title", TITLE)
        body.locator(".c-sf-add-button").first.click()
        page.get_by_role("option", name="Tekst").first.click()
        body.locator("[role='textbox']").first.click()
        page.keyboard.type(BODY_TEXT)
    assert created.value.json()["success"]
    news = NewsPage.objects.get(title=TITLE)
    page.wait_for_timeout(1500)  # any autosave still queued for the last keystrokes
    screenshot(page, "autosave-saved")
    page.close()

    assert BODY_TEXT in str(NewsPage.objects.get(pk=news.pk).latest_revision.as_object().body)
    reopened = browser_context.new_page()
    reopened.goto(f"{live_server.url}/admin/pages/{news.pk}/edit/")
    expect(reopened.locator("[data-contentpath='body']")).to_contain_text(BODY_TEXT)
    screenshot(reopened, "autosave-reopened")
