"""Honest statuses: the panel says what will really happen, the dry run says why, and "Del nu" shares one page."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from publishing.models import SocialPost, SocialPostState
from tests.factories import SuperuserFactory

from .helpers import ledger, link_of, marked_news, run_job

pytestmark = pytest.mark.django_db


def made_old(page, days=30):
    type(page).objects.filter(pk=page.pk).update(first_published_at=timezone.now() - dt.timedelta(days=days))
    page.refresh_from_db()
    return page


def panel(client, page) -> str:
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    start = html.index("data-facebook-status")
    return html[start : html.index("</div>", start)]


@pytest.fixture
def admin_client(client):
    client.force_login(SuperuserFactory())
    return client


@pytest.fixture
def configured(settings):
    settings.FACEBOOK_PAGE_ID, settings.FACEBOOK_PAGE_ACCESS_TOKEN = "1234567890", "token"
    settings.FACEBOOK_PUBLISH_ON_PAGE_PUBLISH = False
    settings.FACEBOOK_LOOKBACK_DAYS = 14


def test_without_page_id_or_token_the_panel_says_facebook_is_not_set_up(admin_client, site_tree, settings):
    settings.FACEBOOK_PAGE_ID, settings.FACEBOOK_PAGE_ACCESS_TOKEN = "1234567890", ""
    page = marked_news("Ny legeplads")
    assert ledger(page).state == SocialPostState.WAITING  # the ledger row exists, but nothing will post it

    html = panel(admin_client, page)

    assert "Facebook er ikke sat op" in html
    assert "Venter" not in html and "Del nu" not in html


def test_a_recent_marked_page_is_waiting_with_share_now(admin_client, site_tree, configured):
    html = panel(admin_client, marked_news("Ny legeplads"))
    assert "data-facebook-status-label>Venter<" in html
    assert "Opslaget sendes ved jobbets næste kørsel" in html
    assert "Del nu" in html


def test_a_page_first_published_before_the_window_is_not_shared_for_being_too_old(admin_client, site_tree, configured):
    page = made_old(marked_news("Gammel nyhed"))
    html = panel(admin_client, page)
    assert "data-facebook-status-label>Ikke delt (for gammel)<" in html
    assert "Venter" not in html
    assert "Del nu" in html


def test_posted_and_failed_pages_say_so(admin_client, site_tree, configured):
    page = marked_news("Sommerfest")
    SocialPost.objects.filter(page=page).update(state=SocialPostState.POSTED, posted_at=timezone.now())
    html = panel(admin_client, page)
    assert "data-facebook-status-label>Opslået<" in html and "Del nu" not in html

    SocialPost.objects.filter(page=page).update(state=SocialPostState.FAILED, last_error="(#100) Invalid parameter")
    html = panel(admin_client, page)
    assert "data-facebook-status-label>Fejlet<" in html and "(#100) Invalid parameter" in html and "Del nu" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_dry_run_names_the_real_reason_for_each_skip(facebook, tree):
    old = made_old(marked_news("Gammel nyhed"))
    unmarked = marked_news("Ikke længere markeret")
    type(unmarked).objects.filter(pk=unmarked.pk).update(share_on_facebook=False)
    withdrawn = marked_news("Trukket tilbage")
    withdrawn.unpublish()

    code, out, _ = run_job("--dry-run")

    assert code == 0, out
    lines = {
        line.split("  -> ")[0].split(None, 3)[-1]: line.split("  -> ")[1] for line in out.splitlines() if "->" in line
    }
    assert lines["Gammel nyhed"].startswith("for gammel: først udgivet")
    assert lines["Ikke længere markeret"] == "“Del på Facebook” er slået fra"
    assert lines["Trukket tilbage"] == "siden er ikke udgivet"
    assert "ikke længere offentlig og markeret" not in out
    assert ledger(old).state == SocialPostState.WAITING  # a dry run changes nothing


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_share_now_posts_that_page_only_even_when_it_is_too_old(facebook, tree, client):
    wanted = made_old(marked_news("Gammel, men vigtig"))
    other = made_old(marked_news("Gammel og glemt"))
    run_job()  # the scheduled run: both are too old and skipped
    assert ledger(wanted).state == ledger(other).state == SocialPostState.SKIPPED
    client.force_login(SuperuserFactory())
    url = reverse("facebook_share_now", args=[wanted.pk])

    confirmation = client.get(url)
    response = client.post(url)  # the test task backend runs the queued task right away

    assert confirmation.status_code == 200 and "Ja, del nu" in confirmation.content.decode()
    assert response.status_code == 302
    assert facebook.links() == [link_of(wanted)]
    assert ledger(wanted).state == SocialPostState.POSTED
    assert ledger(other).state == SocialPostState.SKIPPED


def test_share_now_needs_publish_permission_and_a_csrf_token(site_tree, configured, django_user_model):
    page = marked_news("Ny legeplads")
    url = reverse("facebook_share_now", args=[page.pk])
    readers = Group.objects.create(name="Kun adgang")
    readers.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(group=readers, page=site_tree["home"], permission_type="change")
    editor = django_user_model.objects.create_user(username="skribent", password="x")
    editor.groups.add(readers)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    refused = client.get(url)  # may edit, may not publish: Wagtail sends a refused user back to the dashboard
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    GroupPagePermission.objects.create(group=readers, page=site_tree["home"], permission_type="publish")
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 403  # no CSRF token
    assert ledger(page).state == SocialPostState.WAITING
