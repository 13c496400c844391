"""A real SMTP server on loopback (aiosmtpd), scriptable per recipient, and GraphQL helpers."""

import asyncio
import email
import email.policy
import json
import socket
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from newsletter.models import Subscriber, SubscriberState

SUBSCRIBE = """
mutation Subscribe($email: String!, $consent: Boolean! = true) {
  subscribeToNewsletter(email: $email, consent: $consent) { ok message }
}"""
CONFIRM = "mutation Confirm($token: String!) { confirmNewsletterSubscription(token: $token) { ok message } }"
UNSUBSCRIBE = "mutation Unsubscribe($token: String!) { unsubscribeFromNewsletter(token: $token) { ok message } }"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: email.message.EmailMessage


@dataclass
class RecordingHandler:
    """Keeps every accepted message and can be scripted.

    `replies` answers RCPT per address: a string every time, a list one answer per
    attempt (then "250"). `rcpt_delay` slows RCPT down for an address. `data_reply`
    answers DATA for every message. `attempts` lists every RCPT address, in order.
    """

    received: list[Received] = field(default_factory=list)
    replies: dict[str, str | list[str]] = field(default_factory=dict)
    rcpt_delay: dict[str, float] = field(default_factory=dict)
    data_reply: str = ""
    attempts: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            self.attempts.append(address)
            reply = self.replies.get(address)
            if isinstance(reply, list):
                reply = reply.pop(0) if reply else None
        if address in self.rcpt_delay:
            await asyncio.sleep(self.rcpt_delay[address])
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_reply:
            return self.data_reply
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [r.message for r in self.received if address in r.rcpt_tos]


@dataclass
class HelloRefusingHandler(RecordingHandler):
    """A server that greets, then refuses EHLO and HELO (a relay that does not accept our host)."""

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        return ["554 5.7.1 Host not permitted"]

    async def handle_HELO(self, server, session, envelope, hostname):
        return "554 5.7.1 Host not permitted"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server_factory(settings):
    """Start aiosmtpd servers on 127.0.0.1; Django's SMTP backend points at the latest one.

    `start(handler, **smtp_parameters)` passes the parameters to aiosmtpd's SMTP
    (e.g. auth_required=True, authenticator=...); it returns the handler.
    """
    controllers = []

    def start(handler: RecordingHandler | None = None, **smtp_parameters) -> RecordingHandler:
        handler = handler or RecordingHandler()
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port(), **smtp_parameters)
        controller.start()
        controllers.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = controller.port
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5
        return handler

    try:
        yield start
    finally:
        for controller in controllers:
            controller.stop()


@pytest.fixture
def smtp_server(smtp_server_factory):
    """An aiosmtpd server on 127.0.0.1, with Django's SMTP backend pointed at it."""
    return smtp_server_factory()


@pytest.fixture
def graphql(client):
    """POST a GraphQL document to /graphql/ as JSON; returns the decoded body."""

    def run(query, variables=None, status=200, **extra):
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            **extra,
        )
        assert response.status_code == status, response.content
        return response.json()

    return run


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The rate limit lives in the cache; each test starts with an empty one."""
    from django.core.cache import cache

    cache.clear()


def confirmed_subscriber(address: str) -> Subscriber:
    now = timezone.now()
    return Subscriber.objects.create(
        email=address, state=SubscriberState.CONFIRMED, consent_text="Ja tak", consent_at=now, confirmed_at=now
    )


CONTENT = {
    "news": [
        {
            "title": "Byrådet vedtager ny helhedsplan",
            "teaser": "Fem boligområder er med.",
            "url": "https://frontend.test/nyheder/byraadet-vedtager/",
            "publishedDate": "2021-03-08",
            "includeInNewsletter": True,
        }
    ],
    "events": [
        {
            "title": "Indvielse af kunstskoven",
            "teaser": "Kom og vær med.",
            "url": "https://frontend.test/arrangementer/indvielse/",
            "startsAt": "2021-04-07T14:00:00+00:00",
            "isCancelled": False,
            "place": {"name": "Nordre Fælled"},
            "includeInNewsletter": True,
        }
    ],
    "documents": [{"title": "Årsrapport 2021", "kind": "ANNUAL_REPORT", "url": "https://cms.test/documents/1/a.pdf"}],
}


def make_issue(month="2021-03", *, approved=True):
    """An issue built from fixed content (the build itself is tested against the live API)."""
    import datetime as dt

    from newsletter.build import newsletter_issue_render
    from newsletter.models import IssueState, NewsletterIssue

    issue = NewsletterIssue(
        month=dt.datetime.strptime(month, "%Y-%m").date(),
        subject=f"Nyhedsbrev {month}",
        intro="Kære beboer\n\nHer er månedens nyt.",
        content=CONTENT,
    )
    newsletter_issue_render(issue=issue)
    issue.state = IssueState.APPROVED if approved else IssueState.DRAFT
    issue.save()
    return issue
