"""The CMS's own rendering: "Vis live" without a frontend, and the preview panel, both from the API's answer."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from django.urls import reverse

from pages.models import NewsPage
from pages.reference import FRONTEND_CHECK_CACHE_KEY
from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_frontend_check():
    cache.delete(FRONTEND_CHECK_CACHE_KEY)
    yield
    cache.delete(FRONTEND_CHECK_CACHE_KEY)


@pytest.fixture
def no_frontend(settings):
    settings.FRONTEND_BASE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port


@pytest.fixture
def frontend(settings):
    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.FRONTEND_BASE_URL = f"http://127.0.0.1:{server.server_address[1]}"
    yield settings.FRONTEND_BASE_URL
    server.shutdown()
    server.server_close()


@pytest.fixture
def news(site_tree):
    page = NewsPage(
        title="Sommerfest i Nordbyen",
        slug="sommerfest",
        teaser="Musik og grill på fælleden.",
        body=[("heading", {"text": "Program", "level": "h2"}), ("paragraph", "<p>Kl. 14 åbner boderne.</p>")],
    )
    site_tree["news"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_without_a_frontend_the_live_url_shows_the_cms_rendering_marked_as_such(client, news, no_frontend):
    response = client.get("/nyheder/sommerfest/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="da">' in html
    assert "Dette er CMS'ets egen visning af den offentlige side" in html
    assert "<h1>Sommerfest i Nordbyen</h1>" in html
    assert "<h2>Program</h2>" in html and "Kl. 14 åbner boderne." in html


def test_the_home_page_renders_too(client, news, no_frontend):
    response = client.get("/")
    assert response.status_code == 200
    assert "<h1>Helhedsplan Randers</h1>" in response.content.decode()


def test_a_frontend_that_answers_gets_the_visitor(client, news, frontend):
    response = client.get("/nyheder/sommerfest/")
    assert response.status_code == 302
    assert response["Location"] == f"{frontend}/nyheder/sommerfest/"


def test_a_draft_never_shows_on_the_live_url(client, news, no_frontend):
    news.title = "Hemmelig ny titel"
    news.body = [("paragraph", "<p>Kladdetekst</p>")]
    news.save_revision()

    html = client.get("/nyheder/sommerfest/").content.decode()

    assert "Sommerfest i Nordbyen" in html
    assert "Hemmelig ny titel" not in html and "Kladdetekst" not in html


def test_every_page_type_offers_the_preview_panel(client, news):
    client.force_login(SuperuserFactory())
    html = client.get(reverse("wagtailadmin_pages:edit", args=[news.pk])).content.decode()
    assert 'data-side-panel="preview"' in html


def test_the_preview_renders_the_unsaved_draft_through_the_api(rf, news):
    """Wagtail's preview panel calls serve_preview with the draft built from the editor's form, unsaved."""
    draft = NewsPage.objects.get(pk=news.pk)
    draft.title = "Ny titel i kladden"
    draft.body = [("paragraph", "<p>Skrevet lige nu</p>")]
    request = rf.get(f"/admin/pages/{news.pk}/edit/preview/")
    request.user = SuperuserFactory()

    response = draft.serve_preview(request, "")
    response.render()
    html = response.content.decode()

    assert response["Cache-Control"] == "private, no-store"
    assert "Forhåndsvisning af kladden" in html
    assert "<h1>Ny titel i kladden</h1>" in html and "Skrevet lige nu" in html
    assert NewsPage.objects.get(pk=news.pk).title == "Sommerfest i Nordbyen"  # nothing was saved
