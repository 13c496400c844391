"""What the admin-form validation tests share: the logged-in editor, the add URLs and the refusal check."""

from html import escape

import pytest
from django.urls import reverse

from tests.factories import SuperuserFactory

END_BEFORE_START = "Slutdatoen skal ligge efter startdatoen."
NEGATIVE_AMOUNT = "Beløbet kan ikke være negativt."
NO_PERIOD_OR_ACTIVITY = "Vælg den helhedsplanperiode eller den aktivitet, som finansieringen gælder for."
AREA_TWICE = "kan kun dækkes én gang pr. periode"
EVENT_ENDS_BEFORE_START = "Sluttidspunktet skal ligge efter starttidspunktet."
CLOSES_BEFORE_OPENS = "Lukketiden skal ligge efter åbningstiden."
AGE_INVERTED = "'Alder til' skal være større end eller lig med 'alder fra'."
FACEBOOK_TOO_LONG = "Denne værdi må højst have 500 tegn (den har 501)."
VIDEO_NOT_HTTPS = "Linket skal begynde med https://"


@pytest.fixture
def editor(client, db):
    client.force_login(SuperuserFactory())
    return client


def add_page_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


def add_snippet_url(model):
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:add")


def assert_refused(response, field, message):
    """The form is shown again with `message` on `field` (None: above the form), and only there."""
    assert response.status_code == 200, "expected the form back with errors, not a redirect after saving"
    form = response.context["form"]
    errors = form.errors.get(field or "__all__", [])
    assert any(message in error for error in errors), f"{message!r} not in {field} errors: {form.errors!r}"
    assert set(form.errors) <= {field or "__all__", "__all__"}, f"unrelated errors: {form.errors!r}"
    assert escape(message) in response.content.decode(), "the message is not shown to the editor"
