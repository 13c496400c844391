"""Staff review issues and look after subscribers' data in the Wagtail admin."""

import json

import pytest
from django.urls import reverse

from newsletter.models import Delivery, IssueState, NewsletterIssue, Subscriber
from tests.factories import SuperuserFactory

from .conftest import confirmed_subscriber, make_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = SuperuserFactory()
    client.force_login(user)
    client.user = user
    return client


def test_issue_list_preview_edit_and_approve(admin_client):
    issue = make_issue("2021-03", approved=False)
    response = admin_client.get(reverse("newsletter_issues:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nyhedsbrev 2021-03" in content and "Kladde" in content
    assert reverse("newsletter_issues:preview", args=[issue.pk]) in content
    assert reverse("newsletter_issues:approve", args=[issue.pk]) in content

    response = admin_client.get(reverse("newsletter_issues:preview", args=[issue.pk]))
    assert response.status_code == 200 and "Byrådet vedtager ny helhedsplan" in response.content.decode()
    assert "default-src 'none'" in response["Content-Security-Policy"]

    # Editing the intro renders the mail again.
    response = admin_client.post(
        reverse("newsletter_issues:edit", args=[issue.pk]), {"subject": "Marts 2021", "intro": "Godt nytår til alle"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    issue.refresh_from_db()
    assert issue.subject == "Marts 2021" and "Godt nytår til alle" in issue.html and "Godt nytår" in issue.text

    assert admin_client.get(reverse("newsletter_issues:approve", args=[issue.pk])).status_code == 200
    response = admin_client.post(reverse("newsletter_issues:approve", args=[issue.pk]))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.state == IssueState.APPROVED and issue.approved_by == admin_client.user

    # A change after approval withdraws it: what goes out is what was approved.
    admin_client.post(
        reverse("newsletter_issues:edit", args=[issue.pk]), {"subject": "Marts 2021", "intro": "Ny indledning"}
    )
    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFT and issue.approved_by is None and "Ny indledning" in issue.html


def test_a_sent_issue_cannot_be_approved_or_edited(admin_client):
    issue = make_issue("2021-03")
    NewsletterIssue.objects.filter(pk=issue.pk).update(state=IssueState.SENT)
    admin_client.post(reverse("newsletter_issues:approve", args=[issue.pk]))
    response = admin_client.post(reverse("newsletter_issues:edit", args=[issue.pk]), {"subject": "X", "intro": "Y"})
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's "no permission"
    issue.refresh_from_db()
    assert issue.state == IssueState.SENT and issue.subject == "Nyhedsbrev 2021-03"


def test_subscriber_list_search_export_and_delete(admin_client):
    subscriber = confirmed_subscriber("beboer@example.dk")
    confirmed_subscriber("anden@example.dk")
    issue = make_issue("2021-03")
    Delivery.objects.create(issue=issue, subscriber=subscriber, state="sent")

    response = admin_client.get(reverse("newsletter_subscribers:index"), {"q": "beboer"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "beboer@example.dk" in content and "anden@example.dk" not in content
    assert reverse("newsletter_subscribers:export", args=[subscriber.pk]) in content

    response = admin_client.get(reverse("newsletter_subscribers:export", args=[subscriber.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == "beboer@example.dk" and data["consent_text"] == "Ja tak"
    assert data["deliveries"] == [
        {"issue": "2021-03", "status": "Sendt", "attempts": 0, "last_error": "", "sent_at": None}
    ]

    assert admin_client.get(reverse("newsletter_subscribers:inspect", args=[subscriber.pk])).status_code == 200
    response = admin_client.post(reverse("newsletter_subscribers:delete", args=[subscriber.pk]))
    assert response.status_code == 302
    assert not Subscriber.objects.filter(email="beboer@example.dk").exists()
    assert not Delivery.objects.exists()


def test_staff_cannot_add_subscribers_behind_their_back(admin_client):
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("newsletter_subscribers:add")
    with pytest.raises(NoReverseMatch):
        reverse("newsletter_subscribers:edit", args=[1])


def test_the_admin_needs_a_login(client):
    issue = make_issue("2021-03")
    for url in (
        reverse("newsletter_subscribers:index"),
        reverse("newsletter_issues:preview", args=[issue.pk]),
        reverse("newsletter_subscribers:export", args=[1]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("state", [IssueState.SENT, IssueState.SENDING])
def test_an_issue_that_has_begun_sending_cannot_be_deleted(admin_client, state):
    issue = make_issue("2021-03")
    subscriber = confirmed_subscriber("beboer@example.dk")
    Delivery.objects.create(issue=issue, subscriber=subscriber, state="sent")
    NewsletterIssue.objects.filter(pk=issue.pk).update(state=state)
    delete_url = reverse("newsletter_issues:delete", args=[issue.pk])

    listing = admin_client.get(reverse("newsletter_issues:index")).content.decode()
    assert delete_url not in listing  # no delete action offered
    response = admin_client.post(delete_url, follow=True)
    assert "kan ikke slettes" in response.content.decode()
    assert NewsletterIssue.objects.filter(pk=issue.pk).exists()
    assert Delivery.objects.filter(issue=issue).count() == 1


def test_the_ledger_protects_its_issue_below_the_admin_too(db):
    from django.db.models import ProtectedError

    issue = make_issue("2021-03")
    Delivery.objects.create(issue=issue, subscriber=confirmed_subscriber("beboer@example.dk"), state="sent")
    with pytest.raises(ProtectedError):
        issue.delete()


def test_a_draft_can_still_be_deleted(admin_client):
    issue = make_issue("2021-03", approved=False)
    delete_url = reverse("newsletter_issues:delete", args=[issue.pk])
    assert delete_url in admin_client.get(reverse("newsletter_issues:index")).content.decode()
    response = admin_client.post(delete_url)
    assert response.status_code == 302
    assert not NewsletterIssue.objects.filter(pk=issue.pk).exists()


def test_a_subject_with_a_line_break_is_refused_by_the_form(admin_client):
    issue = make_issue("2021-03", approved=False)
    response = admin_client.post(
        reverse("newsletter_issues:edit", args=[issue.pk]), {"subject": "Marts\r\nBcc: alle@example.dk", "intro": ""}
    )
    assert response.status_code == 200 and "Emnet skal stå på én linje" in response.content.decode()
    issue.refresh_from_db()
    assert issue.subject == "Nyhedsbrev 2021-03"
