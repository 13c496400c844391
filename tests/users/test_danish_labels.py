"""Labels Wagtail leaves in English whatever the language: the login form's password and the permission names."""

import pytest
from django.contrib.auth.models import Permission

from users.permission_names import permission_names_translate

pytestmark = pytest.mark.django_db


def test_login_form_labels_the_password_in_danish(client):
    html = client.get("/admin/login/").content.decode()
    assert 'for="id_password"' in html
    label = html.split('for="id_password"', 1)[1].split("</label>", 1)[0]
    assert "Adgangskode" in label and "Password" not in label


@pytest.mark.parametrize(
    ("codename", "danish"),
    [
        ("add_redirect", "Kan tilføje omdirigering"),
        ("delete_group", "Kan slette gruppe"),
        ("change_fundingline", "Kan ændre finansieringslinje"),
        ("publish_page", "Udgive alle sider"),
        ("choose_image", "Kan vælge billeder"),
        ("bulk_delete_page", "Slette sider med undersider"),
    ],
)
def test_permission_names_are_danish_after_migrate(codename, danish):
    assert Permission.objects.get(codename=codename).name == danish


def test_new_english_permission_names_are_translated_on_the_next_migrate():
    permission = Permission.objects.get(codename="lock_page")
    permission.name = "Lock/unlock pages you've locked"  # as Wagtail creates it
    permission.save()
    assert permission_names_translate() == 1
    permission.refresh_from_db()
    assert permission.name == "Låse/låse op for sider, du selv har låst"
    assert permission_names_translate() == 0
