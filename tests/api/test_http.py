"""HTTP behaviour a browser-based frontend relies on: CORS, GraphiQL only in development, Danish search."""

import json

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from pages.models import NewsPage

pytestmark = pytest.mark.django_db

ALLOWED = "https://www.helhedsplan-randers.dk"


@override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED])
def test_preflight_from_an_allowed_origin_is_answered(client):
    response = client.options(
        "/graphql/",
        HTTP_ORIGIN=ALLOWED,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )

    assert response["Access-Control-Allow-Origin"] == ALLOWED
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "content-type" in response["Access-Control-Allow-Headers"]


@override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED])
def test_other_origins_get_no_cors_headers(client, site_tree):
    response = client.post(
        "/graphql/",
        json.dumps({"query": "{ housingAreas { title } }"}),
        content_type="application/json",
        HTTP_ORIGIN="https://evil.example",
    )

    assert response.status_code == 200
    assert "Access-Control-Allow-Origin" not in response


@override_settings(CORS_ALLOWED_ORIGINS=[ALLOWED])
def test_an_allowed_origin_may_read_the_answer(client, site_tree):
    response = client.post(
        "/graphql/",
        json.dumps({"query": "{ housingAreas { title } }"}),
        content_type="application/json",
        HTTP_ORIGIN=ALLOWED,
    )

    assert response["Access-Control-Allow-Origin"] == ALLOWED


def test_graphiql_is_not_served_outside_development(client):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")

    assert b"graphiql" not in response.content.lower()
    assert response.status_code == 400


SEARCH = "query Search($query: String!) { search(query: $query) { __typename ... on PageInterface { title } } }"


def test_search_through_the_api_finds_inflected_danish_forms_and_only_public_pages(gql, site_tree):
    public = NewsPage(title="Nyt fra Vangdalen", slug="nyt", teaser="Fem boligområder er med i planen.")
    site_tree["news"].add_child(instance=public)
    private = NewsPage(title="Intern nyhed", slug="intern", teaser="Boligområder og budgetter.")
    site_tree["news"].add_child(instance=private)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = NewsPage(title="Kladde om boligområder", slug="kladde", teaser="Boligområdet", live=False)
    site_tree["news"].add_child(instance=draft)

    status, body, _ = gql(SEARCH, {"query": "boligområde"})

    assert status == 200
    titles = {result["title"] for result in body["data"]["search"]}
    # "boligområde" finds "boligområder" in a teaser and in the title of the housing-area index page.
    assert titles == {"Nyt fra Vangdalen", "Boligområder"}
