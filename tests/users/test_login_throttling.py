"""Admin login throttling: repeated wrong passwords lock out one user name from one client address."""

import pytest
from django.conf import settings as django_settings

from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "hemmelig-kode"
LOGIN_FORMS = ["/admin/login/", "/_util/login/"]


@pytest.fixture
def editor():
    return SuperuserFactory(username="redaktoer")


def log_in(client, url, username, password, **meta):
    return client.post(url, {"username": username, "password": password, "next": "/admin/"}, **meta)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGIN_FORMS)
def test_thirty_wrong_passwords_then_the_right_one_is_refused_in_danish(client, editor, url):
    for _ in range(30):
        log_in(client, url, "redaktoer", "forkert")
    response = log_in(client, url, "redaktoer", PASSWORD)
    assert response.status_code == 429
    assert "For mange mislykkede loginforsøg" in response.content.decode()
    assert not logged_in(client)


@pytest.mark.parametrize("url", LOGIN_FORMS)
def test_another_address_or_another_user_is_not_locked_out(client, editor, url):
    SuperuserFactory(username="kollega")
    for _ in range(django_settings.AXES_FAILURE_LIMIT + 1):
        log_in(client, url, "redaktoer", "forkert", REMOTE_ADDR="10.0.0.1")
    assert log_in(client, url, "redaktoer", PASSWORD, REMOTE_ADDR="10.0.0.1").status_code == 429

    response = log_in(client, url, "redaktoer", PASSWORD, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302 and logged_in(client)
    client.logout()
    response = log_in(client, url, "kollega", PASSWORD, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302 and logged_in(client)


def test_behind_the_proxy_the_client_is_the_x_real_ip(client, editor, settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        log_in(client, "/admin/login/", "redaktoer", "forkert", REMOTE_ADDR="172.18.0.5", HTTP_X_REAL_IP="192.0.2.7")
    locked = log_in(
        client, "/admin/login/", "redaktoer", PASSWORD, REMOTE_ADDR="172.18.0.5", HTTP_X_REAL_IP="192.0.2.7"
    )
    assert locked.status_code == 429
    # Another client behind the same proxy is not locked out.
    other = log_in(client, "/admin/login/", "redaktoer", PASSWORD, REMOTE_ADDR="172.18.0.5", HTTP_X_REAL_IP="192.0.2.8")
    assert other.status_code == 302


def test_without_a_proxy_a_forged_x_real_ip_does_not_escape_the_lockout(client, editor, settings):
    settings.RATELIMIT_IP_META_KEY = None
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        log_in(client, "/admin/login/", "redaktoer", "forkert", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP=f"192.0.2.{n}")
    forged = log_in(client, "/admin/login/", "redaktoer", PASSWORD, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="192.0.2.99")
    assert forged.status_code == 429 and not logged_in(client)


def test_a_successful_login_resets_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "/admin/login/", "redaktoer", "forkert")
    assert log_in(client, "/admin/login/", "redaktoer", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "/admin/login/", "redaktoer", "forkert")
    assert log_in(client, "/admin/login/", "redaktoer", PASSWORD).status_code == 302
