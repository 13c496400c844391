"""The fields that now reach the API keep the visibility rules: no hidden page, image or person."""

import json

import pytest
from wagtail.models import Collection, CollectionViewRestriction

from pages.models import ActivityPage, NewsPage
from tests.factories import PersonFactory, PlanImageFactory

pytestmark = pytest.mark.django_db


def _query(client, query, variables=None):
    response = client.post("/graphql/", json.dumps({"query": query, "variables": variables or {}}), "application/json")
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def _private_image():
    collection = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type=CollectionViewRestriction.LOGIN)
    return PlanImageFactory(collection=collection)


def test_featured_pages_leave_out_hidden_ones(client, site_tree):
    public = site_tree["news"].add_child(instance=NewsPage(title="Offentlig", slug="offentlig"))
    draft = site_tree["news"].add_child(instance=NewsPage(title="Kladde", slug="kladde", live=False))
    home = site_tree["home"]
    home.featured = [("page", draft), ("page", public)]
    home.save()
    data = _query(client, "{ homePage { featured { title } } }")
    assert data["homePage"]["featured"] == [{"title": "Offentlig"}]


def test_an_image_in_a_private_collection_is_null_in_lists_and_on_the_page(client, site_tree):
    site_tree["news"].add_child(
        instance=NewsPage(title="Skjult billede", slug="skjult", listing_image=_private_image())
    )
    site_tree["news"].add_child(instance=NewsPage(title="Synligt", slug="synligt", listing_image=PlanImageFactory()))
    data = _query(client, "{ newsItems { items { slug image { altText rendition(name: CARD) { url } } } } }")
    images = {item["slug"]: item["image"] for item in data["newsItems"]["items"]}
    assert images["skjult"] is None and images["synligt"]["rendition"]["url"]
    data = _query(client, '{ page(urlPath: "/nyheder/skjult/") { ... on NewsPage { image { altText } } } }')
    assert data["page"]["image"] is None


def test_an_activity_contact_who_is_not_public_is_null(client, site_tree):
    hidden = PersonFactory(is_public=False)
    site_tree["activities"].add_child(instance=ActivityPage(title="Lektiecafé", slug="lektiecafe", contact=hidden))
    data = _query(client, "{ activities { items { contact { name } organiser { name } } } }")
    assert data["activities"]["items"] == [{"contact": None, "organiser": None}]
