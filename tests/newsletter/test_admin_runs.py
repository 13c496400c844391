"""The newsletter from the admin: build, test mail to yourself, approve and send, each queued as a task.

Editors build, preview and test; only "Nyhedsbrev-ansvarlig" approves and sends.
Mail goes to a real SMTP server on loopback (aiosmtpd); the build reads the real
API through live_server. The test settings' task backend runs a task as soon as
it is queued, as the worker would.
"""

import datetime as dt
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage

from documents.models import PlanImage
from newsletter.models import IssueState, NewsletterIssue, NewsletterRun, RunKind, RunState
from pages.models import NewsPage
from tests.factories import create_site_tree

from .conftest import confirmed_subscriber, make_issue

pytestmark = pytest.mark.django_db


def _user(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username=username, password="x", email=f"{username}@example.dk")
    user.groups.add(*groups)
    return user


@pytest.fixture
def editors():
    """Like the "Redaktør" group (users/migrations/0002): admin access and the issues, nothing to approve or send with."""
    group = Group.objects.create(name="Redaktører (test)")
    group.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_newsletterissue", "change_newsletterissue"])
    )
    return group


@pytest.fixture
def editor_client(client, editors, django_user_model):
    client.force_login(_user(django_user_model, "redaktoer", editors))
    return client


@pytest.fixture
def manager_client(client, django_user_model):
    client.force_login(_user(django_user_model, "ansvarlig", Group.objects.get(name="Nyhedsbrev-ansvarlig")))
    return client


def test_the_manager_group_exists_with_approve_and_send():
    codenames = set(Group.objects.get(name="Nyhedsbrev-ansvarlig").permissions.values_list("codename", flat=True))
    assert {"approve_issue", "send_issue", "change_newsletterissue", "access_admin"} <= codenames


def test_editors_preview_and_test_but_cannot_approve_or_send(editor_client, smtp_server):
    issue = make_issue(approved=False)
    status = editor_client.get(reverse("newsletter_issues:status", args=[issue.pk]))
    html = status.content.decode()
    assert status.status_code == 200
    assert "Send test til mig (redaktoer@example.dk)" in html
    assert "Send til alle abonnenter" not in html and ">Godkend<" not in html

    assert editor_client.get(reverse("newsletter_issues:preview", args=[issue.pk])).status_code == 200
    refused = editor_client.post(reverse("newsletter_issues:approve", args=[issue.pk]))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's "no permission"
    NewsletterIssue.objects.filter(pk=issue.pk).update(state=IssueState.APPROVED)
    refused = editor_client.post(reverse("newsletter_issues:send", args=[issue.pk]))
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert not NewsletterRun.objects.filter(kind=RunKind.SEND).exists()
    assert smtp_server.received == []


def test_a_test_mail_goes_to_the_editors_own_address_only(
    editor_client, smtp_server, django_capture_on_commit_callbacks
):
    confirmed_subscriber("beboer@example.dk")
    issue = make_issue(approved=False)

    with django_capture_on_commit_callbacks(execute=True):  # the task is queued when the request commits
        response = editor_client.post(reverse("newsletter_issues:test", args=[issue.pk]))

    assert response.status_code == 302
    [message] = smtp_server.to("redaktoer@example.dk")
    assert message["Subject"] == f"[Test] {issue.subject}"
    assert "Byrådet vedtager ny helhedsplan" in message.get_body(("html",)).get_content()
    assert smtp_server.to("beboer@example.dk") == []
    run = NewsletterRun.objects.get(kind=RunKind.TEST)
    assert run.state == RunState.DONE and run.message == "Testmailen er sendt til redaktoer@example.dk."
    assert "Testmailen er sendt til redaktoer@example.dk." in editor_client.get(response["Location"]).content.decode()
    assert NewsletterIssue.objects.get(pk=issue.pk).state == IssueState.DRAFT


def test_the_manager_approves_and_sends_and_sees_the_delivery_counts(
    manager_client, smtp_server, django_capture_on_commit_callbacks
):
    for address in ("a@example.dk", "b@example.dk", "c@example.dk"):
        confirmed_subscriber(address)
    issue = make_issue(approved=False)
    refused = manager_client.post(reverse("newsletter_issues:send", args=[issue.pk]))  # not approved yet
    assert NewsletterRun.objects.filter(kind=RunKind.SEND).count() == 0
    assert "skal godkendes" in manager_client.get(refused["Location"]).content.decode()

    manager_client.post(reverse("newsletter_issues:approve", args=[issue.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(reverse("newsletter_issues:send", args=[issue.pk]))

    assert len(smtp_server.received) == 3
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT
    html = manager_client.get(response["Location"]).content.decode()
    assert "<td>Sendt</td><td>3</td>" in html
    assert "3 modtagere: 3 sendt nu" in html


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 500), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_building_from_the_admin_makes_the_issue_with_images_and_shows_the_result(
    live_server, settings, client, django_user_model
):
    settings.CMS_GRAPHQL_URL = f"{live_server.url}/graphql/"
    tree = create_site_tree()
    image = PlanImage(
        title="Legeplads", description="Børn på den nye legeplads", file=ImageFile(io.BytesIO(_png()), name="leg.png")
    )
    image.save()
    published = dt.datetime(2024, 5, 10, 9, tzinfo=dt.UTC)
    news = NewsPage(
        title="Ny legeplads i Vangdalen",
        slug="legeplads",
        teaser="Åbner lørdag.",
        listing_image=image,
        first_published_at=published,
        published_date=published.date(),
    )
    tree["news"].add_child(instance=news)
    editors = Group.objects.create(name="Redaktører (test)")
    editors.permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_newsletterissue", "change_newsletterissue"])
    )
    client.force_login(_user(django_user_model, "redaktoer", editors))

    assert client.get(reverse("newsletter_issues:build")).status_code == 200
    response = client.post(reverse("newsletter_issues:build"), {"month": "2024-05"})

    issue = NewsletterIssue.objects.get(month=dt.date(2024, 5, 1))
    # Admin posts are one transaction (pages/admin_transactions.py): the build task runs on commit,
    # after the answer, so a new month's build answers with the build page and its list of runs.
    assert response["Location"] == reverse("newsletter_issues:build")
    run = NewsletterRun.objects.get(kind=RunKind.BUILD)
    assert run.state == RunState.DONE
    assert run.message.startswith("Udgaven for 2024-05 er bygget: 1 nyheder")
    assert 'alt="Børn på den nye legeplads"' in issue.html
    image_tag = re.search(r"<img [^>]*>", issue.html).group(0)
    assert re.search(r'src="http://[^"]+/media/images/[^"]+\.jpg"', image_tag), image_tag  # absolute, for mail clients
    assert run.message in client.get(response["Location"]).content.decode()
    assert timezone.now() - run.finished_at < dt.timedelta(minutes=1)
