"""Text typed into a body block of a new news item survives autosave and a closed tab.

The issue's report ("Work is lost"): an editor typed into a body block of a new news
item, autosave said it had saved, the tab was closed, and the text was gone. This
walks the same steps in Chromium with Wagtail 8's autosave: the first autosave
creates the page (the create view turns into the edit view), the next one saves the
body, and the reopened editor shows the text. See docs/autosave.md for what was found.
"""

import pytest

from pages.models import NewsPage
from tests.factories import SuperuserFactory, create_site_tree

from .browser import log_in, screenshot

TITLE = "Fællesspisning i Vorup"
BODY_TEXT = "Beboerne mødes på fælleden lørdag kl. 14."


def autosave_post(url_part: str):
    return lambda response: response.request.method == "POST" and url_part in response.url and response.ok


@pytest.mark.xfail(
    strict=False,
    reason="Unresolved (issue 13, 'Work is lost'): on the create view Wagtail 8.0.1's first autosave "
    "sometimes does not fire within 30 s of typing into the body; when it fires, the text survives. See docs/autosave.md.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_body_text_of_a_new_news_item_survives_autosave_and_a_closed_tab(live_server, browser_context):
    from playwright.sync_api import expect

    tree = create_site_tree()
    editor = SuperuserFactory(username="redaktoer", password="hemmelig-kode")
    page = browser_context.new_page()
    log_in(page, live_server.url, editor.username, "hemmelig-kode")
    page.goto(f"{live_server.url}/admin/pages/add/pages/newspage/{tree['news'].pk}/")

    page.fill("#id_title", TITLE)
    body = page.locator("[data-contentpath='body']")
    # Typing into the body marks the form unsaved; the first autosave then creates the page.
    with page.expect_response(autosave_post("/admin/pages/add/"), timeout=30_000) as created:
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
