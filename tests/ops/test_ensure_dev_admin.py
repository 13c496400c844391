import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_ensure_dev_admin_creates_one_superuser_and_is_idempotent(settings, capsys):
    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8400"
    call_command("ensure_dev_admin")
    call_command("ensure_dev_admin")

    users = get_user_model().objects.all()
    assert users.count() == 1
    admin = users.get()
    assert admin.username == "admin"
    assert admin.is_superuser and admin.is_staff and admin.is_active
    assert admin.check_password("admin")
    output = capsys.readouterr().out
    assert "Admin: http://127.0.0.1:8400/admin/  bruger: admin  adgangskode: admin" in output
    assert "GraphQL: http://127.0.0.1:8400/graphql/" in output


@pytest.mark.django_db
def test_ensure_dev_admin_lets_the_admin_log_in(settings, client):
    settings.DEBUG = True
    call_command("ensure_dev_admin")
    assert client.login(username="admin", password="admin")
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_ensure_dev_admin_repairs_a_changed_admin(settings):
    settings.DEBUG = True
    get_user_model().objects.create_user(username="admin", password="something else")
    call_command("ensure_dev_admin")
    admin = get_user_model().objects.get()
    assert admin.is_superuser
    assert admin.check_password("admin")


@pytest.mark.django_db
def test_ensure_dev_admin_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("ensure_dev_admin")
    assert not get_user_model().objects.exists()
