"""Double opt-in through the GraphQL mutations, with the mails going through a real SMTP server."""

import datetime as dt
import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsletter import services
from newsletter.models import Subscriber, SubscriberState
from newsletter.ratelimit import RATE_LIMITED
from newsletter.tokens import confirm_token_make, unsubscribe_token_make

from .conftest import CONFIRM, SUBSCRIBE, UNSUBSCRIBE, confirmed_subscriber

pytestmark = pytest.mark.django_db


def _link(message, prefix: str) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(re.escape(prefix) + r"\S+", body)
    assert match, body
    return match.group(0)


def _token(url: str) -> str:
    return parse_qs(urlparse(url).query)["token"][0]


def test_subscribe_mails_a_working_link_and_confirming_makes_a_subscriber(graphql, smtp_server):
    body = graphql(SUBSCRIBE, {"email": "  Beboer@Example.DK "})
    assert body["data"]["subscribeToNewsletter"] == {"ok": True, "message": services.SUBSCRIBED}

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "beboer@example.dk"  # one normalised form
    assert subscriber.state == SubscriberState.PENDING
    assert "nyhedsbrev" in subscriber.consent_text and subscriber.consent_at is not None

    [mail] = smtp_server.to("beboer@example.dk")
    assert mail["Subject"] == "Bekræft din tilmelding til nyhedsbrevet"
    link = _link(mail, "https://frontend.test/nyhedsbrev/bekraeft?token=")

    body = graphql(CONFIRM, {"token": _token(link)})
    assert body["data"]["confirmNewsletterSubscription"] == {"ok": True, "message": services.CONFIRMED}
    subscriber.refresh_from_db()
    assert subscriber.state == SubscriberState.CONFIRMED and subscriber.confirmed_at is not None

    body = graphql(CONFIRM, {"token": _token(link)})  # a second click is harmless
    assert body["data"]["confirmNewsletterSubscription"]["ok"] is True


def test_unsubscribe_through_the_mutation_deletes_the_address(graphql):
    subscriber = confirmed_subscriber("beboer@example.dk")
    token = unsubscribe_token_make(key=subscriber.key)

    body = graphql(UNSUBSCRIBE, {"token": token})
    assert body["data"]["unsubscribeFromNewsletter"] == {"ok": True, "message": services.UNSUBSCRIBED}
    assert not Subscriber.objects.exists()
    body = graphql(UNSUBSCRIBE, {"token": token})  # idempotent
    assert body["data"]["unsubscribeFromNewsletter"]["ok"] is True


def test_tokens_are_signed_and_kept_apart(graphql):
    subscriber = Subscriber.objects.create(email="a@example.dk", consent_text="Ja", consent_at=timezone.now())
    unsubscribe_token = unsubscribe_token_make(key=subscriber.key)
    for token in (unsubscribe_token, unsubscribe_token[:-2] + "xx", "noget-helt-andet"):
        body = graphql(CONFIRM, {"token": token})
        assert body["data"]["confirmNewsletterSubscription"] == {"ok": False, "message": services.CONFIRM_LINK_INVALID}
    body = graphql(UNSUBSCRIBE, {"token": confirm_token_make(key=subscriber.key)})
    assert body["data"]["unsubscribeFromNewsletter"]["ok"] is False
    assert Subscriber.objects.get().state == SubscriberState.PENDING


def test_the_confirmation_link_expires(graphql, settings, monkeypatch):
    import time

    settings.NEWSLETTER_CONFIRM_DAYS = 7
    subscriber = Subscriber.objects.create(email="a@example.dk", consent_text="Ja", consent_at=timezone.now())
    now = time.time()
    monkeypatch.setattr("django.core.signing.time.time", lambda: now - 8 * 24 * 3600)
    old_token = confirm_token_make(key=subscriber.key)  # signed eight days ago
    monkeypatch.setattr("django.core.signing.time.time", lambda: now - 6 * 24 * 3600)
    recent_token = confirm_token_make(key=subscriber.key)
    monkeypatch.undo()

    body = graphql(CONFIRM, {"token": old_token})
    assert body["data"]["confirmNewsletterSubscription"] == {"ok": False, "message": services.CONFIRM_LINK_INVALID}
    body = graphql(CONFIRM, {"token": recent_token})
    assert body["data"]["confirmNewsletterSubscription"] == {"ok": True, "message": services.CONFIRMED}


def test_the_answer_does_not_reveal_whether_an_address_is_known(graphql, smtp_server):
    confirmed_subscriber("kendt@example.dk")
    Subscriber.objects.create(email="afventer@example.dk", consent_text="Ja", consent_at=timezone.now())

    answers = [
        graphql(SUBSCRIBE, {"email": address})["data"]["subscribeToNewsletter"]
        for address in ("kendt@example.dk", "afventer@example.dk", "ny@example.dk")
    ]
    assert answers == [{"ok": True, "message": services.SUBSCRIBED}] * 3
    # Only the owner of the address learns the state, from the mail.
    assert smtp_server.to("kendt@example.dk")[0]["Subject"] == "Du får allerede nyhedsbrevet"
    assert smtp_server.to("afventer@example.dk")[0]["Subject"] == "Bekræft din tilmelding til nyhedsbrevet"
    assert Subscriber.objects.get(email="kendt@example.dk").state == SubscriberState.CONFIRMED


@pytest.mark.parametrize(
    "address", ["", "ikke-en-adresse", "navn@", "@example.dk", "navn@example", "a b@example.dk", "x" * 250 + "@ex.dk"]
)
def test_invalid_addresses_get_a_danish_message(graphql, address):
    body = graphql(SUBSCRIBE, {"email": address})
    assert body["data"]["subscribeToNewsletter"] == {"ok": False, "message": services.INVALID_EMAIL}
    assert not Subscriber.objects.exists()


def test_consent_is_required(graphql):
    body = graphql(SUBSCRIBE, {"email": "a@example.dk", "consent": False})
    assert body["data"]["subscribeToNewsletter"] == {"ok": False, "message": services.CONSENT_REQUIRED}
    assert not Subscriber.objects.exists()


def test_rate_limit_per_email_address(graphql, settings, mailoutbox):
    settings.NEWSLETTER_RATE_PER_EMAIL = "3/h"
    answers = [
        graphql(SUBSCRIBE, {"email": "a@example.dk"}, REMOTE_ADDR=f"10.0.0.{i}")["data"]["subscribeToNewsletter"]
        for i in range(4)
    ]
    assert [a["ok"] for a in answers] == [True, True, True, False]
    assert answers[-1]["message"] == RATE_LIMITED
    assert len(mailoutbox) == 3
    # Another address from the same clients is not affected.
    body = graphql(SUBSCRIBE, {"email": "b@example.dk"}, REMOTE_ADDR="10.0.0.1")
    assert body["data"]["subscribeToNewsletter"]["ok"] is True


def test_rate_limit_per_client_address(graphql, settings, mailoutbox):
    settings.NEWSLETTER_RATE_PER_IP = "5/h"
    answers = [
        graphql(SUBSCRIBE, {"email": f"n{i}@example.dk"}, REMOTE_ADDR="192.0.2.7")["data"]["subscribeToNewsletter"]
        for i in range(6)
    ]
    assert [a["ok"] for a in answers] == [True] * 5 + [False]
    assert answers[-1]["message"] == RATE_LIMITED
    assert Subscriber.objects.count() == 5
    body = graphql(SUBSCRIBE, {"email": "n9@example.dk"}, REMOTE_ADDR="192.0.2.8")
    assert body["data"]["subscribeToNewsletter"]["ok"] is True


def test_unconfirmed_subscriptions_expire_and_are_deleted(settings):
    settings.NEWSLETTER_CONFIRM_DAYS = 7
    now = timezone.now()
    old = Subscriber.objects.create(email="gammel@example.dk", consent_text="Ja", consent_at=now - dt.timedelta(days=8))
    Subscriber.objects.create(email="ny@example.dk", consent_text="Ja", consent_at=now - dt.timedelta(days=6))
    kept = confirmed_subscriber("bekraeftet@example.dk")
    Subscriber.objects.filter(pk=kept.pk).update(consent_at=now - dt.timedelta(days=400))

    call_command("purge_newsletter_subscriptions")

    assert set(Subscriber.objects.values_list("email", flat=True)) == {"ny@example.dk", "bekraeftet@example.dk"}
    assert not Subscriber.objects.filter(pk=old.pk).exists()


def test_subscribers_are_not_reachable_through_graphql():
    """No type, field or argument of the schema is about subscribers or deliveries, or carries an address."""
    from graphene_django.registry import get_global_registry
    from graphql import GraphQLInputObjectType, GraphQLInterfaceType, GraphQLObjectType

    from cms.schema import schema
    from newsletter.models import Delivery

    registry = get_global_registry()
    assert registry.get_type_for_model(Subscriber) is None and registry.get_type_for_model(Delivery) is None

    names = []  # "Type", "Type.field", "Type.field(argument)"
    for type_ in schema.graphql_schema.type_map.values():
        if type_.name.startswith("__"):
            continue
        names.append(type_.name)
        if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType | GraphQLInputObjectType):
            for field_name, field in type_.fields.items():
                names.append(f"{type_.name}.{field_name}")
                names += [f"{type_.name}.{field_name}({arg})" for arg in getattr(field, "args", {})]
    assert "Mutation.subscribeToNewsletter(email)" in names  # the walk sees arguments
    personal = [
        name
        for name in names
        if any(word in name.lower() for word in ("subscriber", "delivery", "deliveries", "email", "mail"))
    ]
    # The organisation's own contact addresses (footer, office) are public by design; no person's.
    assert sorted(personal) == [
        "ContactPoint.email",
        "Mutation.subscribeToNewsletter(email)",
        "SiteSettings.contactEmail",
    ]


def test_mutations_need_post(client):
    response = client.get("/graphql/", {"query": 'mutation { unsubscribeFromNewsletter(token: "x") { ok } }'})
    assert response.json()["errors"][0]["message"] == "Mutationer kræver POST med en JSON-body."
    assert response.status_code == 400


# --- the service mail goes through the task queue ----------------------------------


@pytest.fixture
def database_queue(settings, monkeypatch):
    """The production queue. Its worker runs in this process, inside the test's transaction,
    so it must not close "old" connections (that would close the test's own)."""
    from django_tasks_db.management.commands import db_worker

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def _queued_mail_tasks():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="newsletter.tasks.newsletter_service_mail_task")


def _worker_run():
    call_command("db_worker", batch=True, startup_delay=False, queue_name="*", verbosity=0)


def test_the_answer_does_not_wait_for_the_mail_server(graphql, database_queue, smtp_server_factory, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: a send would fail
    body = graphql(SUBSCRIBE, {"email": "beboer@example.dk"})
    assert body["data"]["subscribeToNewsletter"] == {"ok": True, "message": services.SUBSCRIBED}
    [queued] = _queued_mail_tasks()
    assert queued.status == "READY" and "token" not in json.dumps(queued.args_kwargs)  # no secret in the queue

    server = smtp_server_factory()  # the mail server is back; the worker sends it
    _worker_run()
    [mail] = server.to("beboer@example.dk")
    assert mail["Subject"] == "Bekræft din tilmelding til nyhedsbrevet"
    assert _queued_mail_tasks().get().status == "SUCCESSFUL"


def test_a_mail_server_that_is_down_fails_the_task_not_the_answer(graphql, database_queue, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    body = graphql(SUBSCRIBE, {"email": "beboer@example.dk"})
    assert body["data"]["subscribeToNewsletter"]["ok"] is True
    _worker_run()
    assert _queued_mail_tasks().get().status == "FAILED"  # in the admin's task list, with the error


def test_nothing_is_sent_to_an_address_that_unsubscribed_before_the_worker_ran(graphql, database_queue, mailoutbox):
    graphql(SUBSCRIBE, {"email": "beboer@example.dk"})
    Subscriber.objects.all().delete()
    _worker_run()
    assert mailoutbox == [] and _queued_mail_tasks().get().status == "SUCCESSFUL"
