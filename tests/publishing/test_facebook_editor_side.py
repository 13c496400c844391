"""What editors see and do: the ledger row written with the publish, the status panel, the list and "Prøv igen"."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from publishing.models import SocialPost, SocialPostState
from publishing.tasks import facebook_publish_task
from tests.factories import NewsPageFactory, SuperuserFactory

from .helpers import captured_logs

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(SuperuserFactory())
    return client


def marked(site_tree, title="Til Facebook", **fields):
    return NewsPageFactory(parent=site_tree["news"], title=title, live=False, share_on_facebook=True, **fields)


def test_publishing_a_marked_page_records_it_as_waiting_in_the_same_transaction(site_tree):
    page = marked(site_tree)
    with pytest.raises(RuntimeError), transaction.atomic():
        page.save_revision().publish()
        raise RuntimeError("the publish is rolled back")
    assert not SocialPost.objects.exists()

    page = type(page).objects.get(pk=page.pk)  # as it is after the rollback
    page.save_revision().publish()
    row = SocialPost.objects.get()
    assert (row.page_id, row.state, row.page_title) == (page.pk, SocialPostState.WAITING, "Til Facebook")

    page.save_revision().publish()  # republished: still the one row
    assert SocialPost.objects.count() == 1


def test_publishing_an_unmarked_page_records_nothing(site_tree):
    NewsPageFactory(parent=site_tree["news"], live=False).save_revision().publish()
    assert not SocialPost.objects.exists()


def test_the_task_does_nothing_without_page_id_and_token(settings):
    settings.FACEBOOK_PAGE_ID = ""
    result = facebook_publish_task.enqueue()
    assert result.return_value == {}


def test_ledger_list_shows_every_state_and_filters(admin_client, site_tree):
    SocialPost.objects.create(
        page=marked(site_tree, "Opslået nyhed"),
        page_title="Opslået nyhed",
        state=SocialPostState.POSTED,
        external_id="1234567890_1001",
        permalink="https://www.facebook.com/1234567890_1001",
        posted_at=timezone.now(),
    )
    SocialPost.objects.create(page=marked(site_tree, "Ventende nyhed"), page_title="Ventende nyhed")
    failed = SocialPost.objects.create(
        page=marked(site_tree, "Afvist nyhed"),
        page_title="Afvist nyhed",
        state=SocialPostState.FAILED,
        last_error="Facebook afviste opslaget: (#100) Invalid parameter (kode 100) (HTTP 400)",
    )

    response = admin_client.get(reverse("facebook_posts:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["Opslag på Facebook", "Opslået nyhed", "Ventende nyhed", "Afvist nyhed", "Venter", "Fejlet"]:
        assert text in html
    assert 'href="https://www.facebook.com/1234567890_1001"' in html
    assert "Facebook afviste opslaget: (#100) Invalid parameter" in html
    assert reverse("facebook_posts:retry", args=[failed.pk]) in html
    assert html.count("Prøv igen") == 1  # only the failed row offers it

    only_failed = admin_client.get(reverse("facebook_posts:index"), {"state": "failed"}).content.decode()
    assert "Afvist nyhed" in only_failed and "Ventende nyhed" not in only_failed

    inspect = admin_client.get(reverse("facebook_posts:inspect", args=[failed.pk]))
    assert inspect.status_code == 200 and "Invalid parameter" in inspect.content.decode()


def test_ledger_rows_are_never_added_or_edited_by_hand(admin_client, site_tree):
    row = SocialPost.objects.create(page=marked(site_tree), page_title="Til Facebook")
    index = reverse("facebook_posts:index")
    assert admin_client.get(f"{index}new/").status_code == 404
    assert admin_client.get(f"{index}edit/{row.pk}/").status_code == 404
    assert admin_client.get(f"{index}delete/{row.pk}/").status_code == 404


def test_retry_puts_a_failed_post_back_in_line(admin_client, site_tree):
    failed = SocialPost.objects.create(
        page=marked(site_tree), page_title="Til Facebook", state=SocialPostState.FAILED, last_error="Afvist"
    )
    url = reverse("facebook_posts:retry", args=[failed.pk])
    confirm = admin_client.get(url)
    assert confirm.status_code == 200 and "Ja, prøv igen" in confirm.content.decode()

    response = admin_client.post(url)
    assert response.status_code == 302 and response.url == reverse("facebook_posts:index")
    failed.refresh_from_db()
    assert (failed.state, failed.last_error) == (SocialPostState.WAITING, "")


def test_editors_see_the_list_and_retry(client, site_tree):
    editor = SuperuserFactory(is_superuser=False)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    failed = SocialPost.objects.create(page=marked(site_tree), page_title="x", state=SocialPostState.FAILED)
    assert client.get(reverse("facebook_posts:index")).status_code == 200
    assert client.post(reverse("facebook_posts:retry", args=[failed.pk])).status_code == 302
    failed.refresh_from_db()
    assert failed.state == SocialPostState.WAITING


def test_retry_needs_permission(client, site_tree):
    user = SuperuserFactory(is_superuser=False)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    failed = SocialPost.objects.create(page=marked(site_tree), page_title="x", state=SocialPostState.FAILED)
    response = client.post(reverse("facebook_posts:retry", args=[failed.pk]))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")  # Wagtail's "no permission"
    failed.refresh_from_db()
    assert failed.state == SocialPostState.FAILED


def test_page_editor_shows_the_facebook_status(admin_client, site_tree, settings):
    settings.FACEBOOK_PAGE_ID, settings.FACEBOOK_PAGE_ACCESS_TOKEN = "1234567890", "token"
    page = marked(site_tree, "Sommerfest")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert "Ikke delt på Facebook endnu" in admin_client.get(edit_url).content.decode()

    SocialPost.objects.create(
        page=page,
        page_title="Sommerfest",
        state=SocialPostState.POSTED,
        external_id="1234567890_1001",
        permalink="https://www.facebook.com/1234567890_1001",
        posted_at=timezone.now(),
    )
    html = admin_client.get(edit_url).content.decode()
    assert "data-facebook-status-label>Opslået<" in html
    assert 'href="https://www.facebook.com/1234567890_1001"' in html

    SocialPost.objects.filter(page=page).update(
        state=SocialPostState.FAILED, last_error="Facebook afviste opslaget: (#100) Invalid parameter"
    )
    html = admin_client.get(edit_url).content.decode()
    assert "Seneste fejl:</strong> Facebook afviste opslaget: (#100) Invalid parameter" in html


def test_a_queue_that_is_down_does_not_fail_the_publish(site_tree, settings, django_capture_on_commit_callbacks):
    settings.FACEBOOK_PUBLISH_ON_PAGE_PUBLISH = True
    settings.TASKS = {"default": {"BACKEND": "tests.publishing.broken_queue.UnreachableQueueBackend"}}
    page = marked(site_tree, "Udgivet mens køen er nede")

    with captured_logs() as logs, django_capture_on_commit_callbacks(execute=True) as callbacks:
        page.save_revision().publish()

    assert len(callbacks) == 1  # the run was asked for, after the publish committed
    page.refresh_from_db()
    assert page.live
    assert SocialPost.objects.get(page=page).state == SocialPostState.WAITING  # the next scheduled run posts it
    assert any("kunne ikke sættes i kø" in line and "ConnectionError" in line for line in logs), logs
