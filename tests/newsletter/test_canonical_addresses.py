"""One canonical address per mailbox: spellings of one mailbox make one subscriber and share one rate limit."""

import importlib

import pytest
from django.apps import apps

from newsletter.addresses import INVALID_EMAIL, NEEDS_QUOTING, email_canonical
from newsletter.models import Subscriber, SubscriberState

from .conftest import SUBSCRIBE, confirmed_subscriber

pytestmark = pytest.mark.django_db

VICTIM_SPELLINGS = [
    "victim@example.com",
    '"victim"@example.com',
    '"vi\\ctim"@example.com',
    "VICTIM@EXAMPLE.COM",
    " Victim@Example.Com ",
]
IDN_SPELLINGS = ["user@bølle.dk", "user@xn--blle-gra.dk", "USER@BØLLE.DK", "user@XN--BLLE-GRA.DK"]


@pytest.fixture
def generous_ip_limit(settings):
    settings.NEWSLETTER_RATE_PER_IP = "1000/h"  # only the per-address limit is under test


def test_spellings_of_one_mailbox_make_one_subscriber_and_at_most_three_mails(graphql, mailoutbox, generous_ip_limit):
    answers = [
        graphql(SUBSCRIBE, {"email": spelling})["data"]["subscribeToNewsletter"]
        for _ in range(3)
        for spelling in VICTIM_SPELLINGS
    ]
    assert Subscriber.objects.get().email == "victim@example.com"
    assert len(mailoutbox) <= 3
    assert all(mail.to == ["victim@example.com"] for mail in mailoutbox)
    assert sum(answer["ok"] for answer in answers) == 3  # the rest share the address's 3/h limit


def test_an_idn_domain_and_its_punycode_are_one_mailbox(graphql, mailoutbox, generous_ip_limit):
    for spelling in IDN_SPELLINGS:
        assert graphql(SUBSCRIBE, {"email": spelling})["data"]["subscribeToNewsletter"]["ok"] in (True, False)
    assert Subscriber.objects.get().email == "user@xn--blle-gra.dk"
    assert len(mailoutbox) <= 3


@pytest.mark.parametrize("address", ['"john doe"@example.com', '"a@b"@example.com', '"x,y"@example.com'])
def test_addresses_that_need_quoting_are_refused_in_danish(graphql, address):
    answer = graphql(SUBSCRIBE, {"email": address})["data"]["subscribeToNewsletter"]
    assert answer == {"ok": False, "message": NEEDS_QUOTING}
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("address", ["user@xn--blle-vua.dk", "søren@example.dk", "navn@localhost"])
def test_invalid_punycode_non_ascii_local_parts_and_bare_hosts_are_refused(address):
    with pytest.raises(ValueError) as refused:
        email_canonical(email=address)
    assert refused.value.message == INVALID_EMAIL


def test_the_migration_rewrites_stored_addresses_and_keeps_one_row_per_mailbox():
    migration = importlib.import_module("newsletter.migrations.0003_subscriber_email_canonical")
    confirmed = confirmed_subscriber('"Victim"@Example.com')
    Subscriber.objects.create(email="victim@example.com", consent_text="Ja", consent_at=confirmed.consent_at)
    idn = Subscriber.objects.create(email="user@bølle.dk", consent_text="Ja", consent_at=confirmed.consent_at)
    odd = Subscriber.objects.create(email='"john doe"@example.com', consent_text="Ja", consent_at=confirmed.consent_at)

    migration.subscribers_canonical(apps, None)

    assert sorted(Subscriber.objects.values_list("email", flat=True)) == sorted(
        ['"john doe"@example.com', "user@xn--blle-gra.dk", "victim@example.com"]
    )
    assert Subscriber.objects.get(email="victim@example.com").pk == confirmed.pk  # the confirmed row is kept
    assert Subscriber.objects.get(pk=confirmed.pk).state == SubscriberState.CONFIRMED
    assert Subscriber.objects.get(pk=idn.pk).email == "user@xn--blle-gra.dk"
    assert Subscriber.objects.filter(pk=odd.pk).exists()
