"""The benchmark's hand-written floor (C) answers exactly what the GraphQL endpoint (A) answers.

Otherwise the A/C ratio would compare different work. Run on the demo content.
"""

import json
import urllib.parse

import pytest
from django.test import RequestFactory

pytestmark = pytest.mark.django_db

NEWSLETTER = {
    "from": "2017-01-01T00:00:00+01:00",
    "to": "2022-01-01T00:00:00+01:00",
    "eventsFrom": "2017-01-01T00:00:00+01:00",
    "eventsTo": "2022-01-01T00:00:00+01:00",
}
CASES = [
    ("HomePage", "home_page", {}, {}),
    ("PlanPeriod", "plan_period", {"slug": "helhedsplanen-2017-2021"}, {"slug": "helhedsplanen-2017-2021"}),
    ("DocumentLibrary", "document_library", {"page": "1"}, {"kind": None, "planPeriod": None, "page": 1}),
    ("NewsletterContent", "newsletter_content", NEWSLETTER, NEWSLETTER),
]


@pytest.mark.parametrize(("operation", "view_name", "params", "variables"), CASES, ids=[case[0] for case in CASES])
def test_the_floor_view_answers_like_the_api(demo, contract, operation, view_name, params, variables):
    from bench import views

    status, body, _ = contract(operation, **variables)
    assert status == 200 and "errors" not in body, body
    request = RequestFactory().get("/?" + urllib.parse.urlencode(params), HTTP_HOST="localhost")

    floor = json.loads(getattr(views, view_name)(request).content)

    assert floor.get("data", floor) == body["data"]
