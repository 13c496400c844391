"""The benchmark data set is deterministic and hides what it marks unpublished or private."""

import json

import pytest
from wagtail.models import Page, PageViewRestriction

from bench.data import generate
from pages.models import NewsPage

pytestmark = pytest.mark.django_db


def _snapshot():
    return sorted(Page.objects.filter(depth__gt=1).values_list("path", "title", "live", "url_path"))


def test_same_data_every_time():
    first_counts = generate(size="XS")
    first = _snapshot()
    second_counts = generate(size="XS")
    assert first_counts == second_counts
    assert _snapshot() == first
    assert first_counts["unpublished"] >= 1 and first_counts["private"] >= 1
    assert first_counts["private_documents"] >= 1


def test_unpublished_and_private_pages_stay_hidden(client):
    generate(size="XS")
    news = NewsPage.objects.all()
    hidden = {page.pk for page in news if not page.live} | {
        r.page_id for r in PageViewRestriction.objects.all() if isinstance(r.page.specific, NewsPage)
    }
    assert hidden, "XS marks at least one news item unpublished or private"
    query = "{ newsItems(perPage: 100) { items { id } pagination { total } } }"
    body = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json").json()
    shown = {int(item["id"]) for item in body["data"]["newsItems"]["items"]}
    assert shown == {page.pk for page in news} - hidden
    assert body["data"]["newsItems"]["pagination"]["total"] == len(shown)
    private = Page.objects.get(pk=PageViewRestriction.objects.first().page_id)
    path = "/" + private.url_path.split("/", 2)[2]
    page_query = json.dumps({"query": "query P($p: String!) { page(urlPath: $p) { id } }", "variables": {"p": path}})
    assert client.post("/graphql/", page_query, content_type="application/json").json()["data"]["page"] is None


def test_private_documents_stay_hidden(client):
    counts = generate(size="XS")
    query = "{ documents(perPage: 100) { pagination { total } } }"
    body = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json").json()
    assert body["data"]["documents"]["pagination"]["total"] == counts["documents"] - counts["private_documents"]
