"""Absolute URLs that go into mails: the frontend's pages and the CMS's one-click endpoint."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from .tokens import confirm_token_make, unsubscribe_token_make

# The frontend's pages for the signup flow; they call the GraphQL mutations with the token.
# The unsubscribe page calls `unsubscribeFromNewsletter` only when the person presses its
# button, never on load: mail security scanners open links, some of them run JavaScript,
# and they would unsubscribe people who never asked to be.
CONFIRM_PATH = "/nyhedsbrev/bekraeft"
UNSUBSCRIBE_PATH = "/nyhedsbrev/afmeld"
ARCHIVE_PATH = "/nyhedsbrev"


def confirm_url(*, key) -> str:
    return f"{settings.FRONTEND_BASE_URL}{CONFIRM_PATH}?{urlencode({'token': confirm_token_make(key=key)})}"


def unsubscribe_page_url(*, key) -> str:
    """The link in the body of every mail: the website's page, whose button unsubscribes."""
    return f"{settings.FRONTEND_BASE_URL}{UNSUBSCRIBE_PATH}?{urlencode({'token': unsubscribe_token_make(key=key)})}"


def one_click_unsubscribe_url(*, key) -> str:
    """The List-Unsubscribe target (RFC 8058): answered by the CMS itself, so it works without the website."""
    path = reverse("newsletter:one_click_unsubscribe", kwargs={"token": unsubscribe_token_make(key=key)})
    return f"{settings.NEWSLETTER_UNSUBSCRIBE_BASE_URL}{path}"


def issue_web_url(*, month_label: str) -> str:
    return f"{settings.FRONTEND_BASE_URL}{ARCHIVE_PATH}/{month_label}/"


def archive_url() -> str:
    return f"{settings.FRONTEND_BASE_URL}{ARCHIVE_PATH}/"
