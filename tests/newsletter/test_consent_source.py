"""The consent wording has one source: the site settings. The API shows it and the signup stores it."""

import pytest
from wagtail.models import Site

from home.models import SiteSettings
from newsletter.models import Subscriber

from .conftest import SUBSCRIBE

pytestmark = pytest.mark.django_db

CONSENT = "Ja tak, send mig nyhedsbrevet fra Bysekretariatet. Jeg kan altid afmelde mig."
SHOWN = "query { newsletterConsentText siteSettings { newsletterConsentText } }"


def test_the_signup_stores_the_text_the_api_shows(graphql, site_tree, mailoutbox):
    SiteSettings.objects.create(site=Site.objects.get(is_default_site=True), newsletter_signup_text=CONSENT)
    shown = graphql(SHOWN)["data"]
    assert shown == {"newsletterConsentText": CONSENT, "siteSettings": {"newsletterConsentText": CONSENT}}

    graphql(SUBSCRIBE, {"email": "beboer@example.dk"})
    assert Subscriber.objects.get().consent_text == CONSENT


def test_an_empty_text_falls_back_to_the_setting_in_both_places(graphql, site_tree, settings, mailoutbox):
    settings.NEWSLETTER_CONSENT_TEXT = "Standardtekst fra indstillingerne."
    SiteSettings.objects.create(site=Site.objects.get(is_default_site=True), newsletter_signup_text="  ")
    shown = graphql(SHOWN)["data"]
    assert (
        shown["newsletterConsentText"]
        == shown["siteSettings"]["newsletterConsentText"]
        == ("Standardtekst fra indstillingerne.")
    )
    graphql(SUBSCRIBE, {"email": "beboer@example.dk"})
    assert Subscriber.objects.get().consent_text == "Standardtekst fra indstillingerne."


def test_without_a_settings_row_the_default_wording_is_used_and_no_row_is_created(graphql, site_tree):
    shown = graphql(SHOWN)["data"]
    assert shown["newsletterConsentText"] == shown["siteSettings"]["newsletterConsentText"]
    assert shown["newsletterConsentText"].startswith("Ja tak")
    assert not SiteSettings.objects.exists()  # a read never writes
