"""The help menu opens the Danish editor guide inside the admin, with its screenshots."""

import re

import pytest
from django.contrib.auth.models import Group

from users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_user("rikke", "rikke@example.dk", "hemmelig-kode")
    user.groups.add(Group.objects.get(name="Redaktør"))
    client.force_login(user)
    return user


def test_help_menu_links_the_danish_guide_not_wagtails(client, editor):
    html = client.get("/admin/").content.decode()
    assert "/admin/vejledning/" in html
    assert "Vejledning for redaktører" in html
    assert "guide.wagtail.org" not in html  # Wagtail's English guide: menu, "what's new", account summary


def test_the_guide_renders_with_its_screenshots(client, editor):
    response = client.get("/admin/vejledning/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2" in html and "Helhedsplanperioder og indsatsområder" in html
    sources = re.findall(r'<img[^>]+src="([^"]+)"', html)
    assert sources and all(src.startswith("/admin/vejledning/billeder/") for src in sources)
    for src in sources:
        image = client.get(src)
        assert image.status_code == 200, src
        assert image["Content-Type"] == "image/jpeg"


def test_only_screenshot_names_are_served(client, editor):
    assert client.get("/admin/vejledning/billeder/manage.py").status_code == 404
    assert client.get("/admin/vejledning/billeder/..%2F..%2Fmanage.py").status_code != 200
    assert client.get("/admin/vejledning/billeder/findes-ikke.jpg").status_code == 404


def test_the_guide_needs_a_login(client):
    response = client.get("/admin/vejledning/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
