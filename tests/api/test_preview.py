"""Editors preview drafts on the frontend through short-lived tokens that open one page only."""

import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.signing import TimestampSigner, b62_encode
from django.urls import reverse

from pages.models import NewsPage
from pages.preview import SALT
from tests.factories import SuperuserFactory
from tests.pages.test_validation import add_page_url, news_data

pytestmark = pytest.mark.django_db

PREVIEW = "query Preview($token: String!) { previewPage(token: $token) { __typename title urlPath } }"
PUBLIC = 'query { page(urlPath: "/nyheder/sommerfest/") { title } }'
EXPIRED = "Linket til forhåndsvisningen er udløbet. Åbn forhåndsvisningen igen fra redigeringen."
INVALID = "Linket til forhåndsvisningen er ugyldigt."


@pytest.fixture
def editor(client):
    client.force_login(SuperuserFactory())
    return client


def token_from(response) -> str:
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "https://frontend.test/api/preview"
    return parse_qs(location.query)["token"][0]


def preview(gql, token):
    status, body, _ = gql(PREVIEW, {"token": token})
    assert status == 200
    return body


def signed_at(seconds_ago: int, payload: dict) -> str:
    """A token signed like ours, but as if made `seconds_ago` seconds ago."""

    class EarlierSigner(TimestampSigner):
        def timestamp(self):
            return b62_encode(int(time.time()) - seconds_ago)

    return EarlierSigner(salt=SALT).sign_object(payload, compress=True)


def test_new_draft_is_saved_and_shown_through_its_token_only(editor, gql, site_tree):
    response = editor.post(add_page_url(NewsPage, site_tree["news"]), news_data(**{"action-frontend-preview": "on"}))
    token = token_from(response)

    page = NewsPage.objects.get()
    assert not page.live
    assert preview(gql, token) == {
        "data": {
            "previewPage": {
                "__typename": "NewsPage",
                "title": "Sommerfest i Nordbyen",
                "urlPath": "/nyheder/sommerfest/",
            }
        }
    }
    # Still hidden from everyone without the token.
    assert gql(PUBLIC)[1] == {"data": {"page": None}}


def test_preview_of_a_live_page_shows_the_newer_draft_and_the_public_keeps_the_live_one(editor, gql, site_tree):
    editor.post(add_page_url(NewsPage, site_tree["news"]), news_data(**{"action-publish": "on"}))
    page = NewsPage.objects.get()
    assert page.live

    response = editor.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        news_data(title="Sommerfest flyttes", **{"action-frontend-preview": "on"}),
    )
    token = token_from(response)

    assert preview(gql, token)["data"]["previewPage"]["title"] == "Sommerfest flyttes"
    assert gql(PUBLIC)[1] == {"data": {"page": {"title": "Sommerfest i Nordbyen"}}}


def test_saving_without_the_preview_action_stays_in_the_admin(editor, site_tree):
    response = editor.post(add_page_url(NewsPage, site_tree["news"]), news_data())

    assert response.status_code == 302
    assert not response["Location"].startswith("https://frontend.test")


@pytest.mark.parametrize(
    ("make_token", "message"),
    [
        pytest.param(lambda page: signed_at(3601, {"p": page.pk, "r": page.latest_revision_id}), EXPIRED, id="expired"),
        pytest.param(
            lambda page: signed_at(0, {"p": page.pk, "r": page.latest_revision_id})[:-3] + "abc", INVALID, id="tampered"
        ),
        pytest.param(lambda page: "ikke-et-token", INVALID, id="garbage"),
        pytest.param(lambda page: "", INVALID, id="empty"),
        pytest.param(lambda page: signed_at(0, {"p": page.pk}), INVALID, id="no-revision"),
    ],
)
def test_unusable_tokens_get_a_clear_error_and_no_data(gql, site_tree, make_token, message):
    page = site_tree["news"].add_child(instance=NewsPage(title="Hemmelig kladde", slug="kladde", live=False))
    page.save_revision()

    body = preview(gql, make_token(page))

    assert body["data"] == {"previewPage": None}
    assert [error["message"] for error in body["errors"]] == [message]
    assert "Hemmelig" not in str(body)


def test_a_token_for_one_page_cannot_be_pointed_at_another(gql, site_tree):
    """The signature covers the page and the revision: changing either breaks the token."""
    first = site_tree["news"].add_child(instance=NewsPage(title="Første kladde", slug="a", live=False))
    second = site_tree["news"].add_child(instance=NewsPage(title="Anden kladde", slug="b", live=False))
    first_revision, second_revision = first.save_revision(), second.save_revision()
    genuine = signed_at(0, {"p": first.pk, "r": first_revision.pk})
    _payload, timestamp, signature = genuine.split(":")
    forged_payload = signed_at(0, {"p": second.pk, "r": second_revision.pk}).split(":")[0]

    body = preview(gql, f"{forged_payload}:{timestamp}:{signature}")

    assert body["errors"][0]["message"] == INVALID
    # A genuine token whose revision belongs to another page opens nothing either.
    mixed = signed_at(0, {"p": first.pk, "r": second_revision.pk})
    assert preview(gql, mixed)["data"] == {"previewPage": None}
    assert preview(gql, genuine)["data"]["previewPage"]["title"] == "Første kladde"


def test_the_lifetime_is_capped_at_one_hour_whatever_the_setting(gql, site_tree, settings):
    settings.PREVIEW_TOKEN_MAX_AGE = 24 * 3600
    page = site_tree["news"].add_child(instance=NewsPage(title="Kladde", slug="kladde", live=False))
    revision = page.save_revision()

    body = preview(gql, signed_at(3700, {"p": page.pk, "r": revision.pk}))

    assert body["errors"][0]["message"] == EXPIRED


def test_a_preview_is_refused_over_get_so_the_token_stays_out_of_urls(client, site_tree):
    page = site_tree["news"].add_child(instance=NewsPage(title="Kladde", slug="kladde", live=False))
    token = signed_at(0, {"p": page.pk, "r": page.save_revision().pk})

    response = client.get("/graphql/", {"query": PREVIEW, "variables": json.dumps({"token": token})})

    body = response.json()
    assert body["data"] == {"previewPage": None}
    assert body["errors"][0]["message"] == "Forhåndsvisning kræver en POST-forespørgsel."
