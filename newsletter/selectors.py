"""Reads: the public archive of sent issues, and one subscriber's data for an access request."""

from django.db.models import QuerySet

from .models import IssueState, NewsletterIssue, Subscriber


def newsletter_issue_list_sent(*, limit: int) -> QuerySet[NewsletterIssue]:
    """Sent issues, newest first: the only issues anyone outside the admin may read."""
    return NewsletterIssue.objects.filter(state=IssueState.SENT).defer("content").order_by("-month")[:limit]


def newsletter_issue_get_sent(*, month) -> NewsletterIssue | None:
    return NewsletterIssue.objects.filter(state=IssueState.SENT, month=month).defer("content").first()


def subscriber_data_export(*, subscriber: Subscriber) -> dict:
    """Everything stored about one person (GDPR art. 15), as JSON-ready data."""
    return {
        "email": subscriber.email,
        "status": subscriber.get_state_display(),
        "consent_text": subscriber.consent_text,
        "consent_at": subscriber.consent_at.isoformat(),
        "created_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "deliveries": [
            {
                "issue": delivery.issue.month_label,
                "status": delivery.get_state_display(),
                "attempts": delivery.attempts,
                "last_error": delivery.last_error,
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
            }
            for delivery in subscriber.deliveries.select_related("issue").order_by("issue__month")
        ],
    }
