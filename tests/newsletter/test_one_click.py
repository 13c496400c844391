"""RFC 8058 one-click unsubscribe: a POST from the mail client, no login, no confirmation page."""

import pytest

from newsletter.links import one_click_unsubscribe_url
from newsletter.models import Subscriber

from .conftest import confirmed_subscriber

pytestmark = pytest.mark.django_db


def _path(subscriber) -> str:
    url = one_click_unsubscribe_url(key=subscriber.key)
    assert url.startswith("https://cms.test/nyhedsbrev/afmeld/")
    return url.removeprefix("https://cms.test")


def test_one_click_post_unsubscribes_without_login_or_csrf_token():
    subscriber = confirmed_subscriber("beboer@example.dk")
    client = __import__("django.test", fromlist=["Client"]).Client(enforce_csrf_checks=True)
    response = client.post(
        _path(subscriber), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "Du er afmeldt" in response.content.decode()
    assert not Subscriber.objects.exists()
    # Mail clients may retry: the same answer.
    response = client.post(_path(subscriber), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200


def test_opening_the_link_does_not_unsubscribe(client):
    subscriber = confirmed_subscriber("beboer@example.dk")
    response = client.get(_path(subscriber))  # a person, or a link scanner
    assert response.status_code == 200
    assert 'name="List-Unsubscribe" value="One-Click"' in response.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_a_post_without_the_one_click_field_or_with_a_bad_token_changes_nothing(client):
    subscriber = confirmed_subscriber("beboer@example.dk")
    assert client.post(_path(subscriber), {}).status_code == 400
    assert client.post("/nyhedsbrev/afmeld/forfalsket:token/", {"List-Unsubscribe": "One-Click"}).status_code == 400
    assert client.get("/nyhedsbrev/afmeld/forfalsket/").status_code == 400
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_the_deploy_check_wants_an_https_unsubscribe_link(settings):
    from newsletter.checks import unsubscribe_link_is_https

    settings.NEWSLETTER_UNSUBSCRIBE_BASE_URL = "http://cms.example.org"
    assert [w.id for w in unsubscribe_link_is_https(None)] == ["newsletter.W001"]
    settings.NEWSLETTER_UNSUBSCRIBE_BASE_URL = "https://cms.example.org"
    assert unsubscribe_link_is_https(None) == []
