"""Bodies in a list cost the same SQL for 2 items as for 12 (issue 11: SQL must not grow with a list).

A list's selector defers the stream fields; each body's column, its chosen pages,
documents and images, their specific types and the rich-text link targets are
loaded once for the whole list (pages/graphql/bodies.py), with the visibility
rules applied as for a single page.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import NewsPage
from tests.factories import create_site_tree

QUERY = """{ newsItems(perPage: 50) { items { title body { __typename
  ... on PageLinkBlock { page { __typename title } label urlPath }
  ... on ParagraphBlock { html } } } } }"""


def _news_with_links(tree, count: int) -> None:
    hidden = tree["news"].add_child(instance=NewsPage(title="Kladde", slug="kladde", teaser="t", live=False))
    for i in range(count):
        body = [
            {"type": "page_link", "value": {"page": tree["news"].pk, "label": ""}},
            {"type": "page_link", "value": {"page": hidden.pk, "label": "Skjult"}},
            {
                "type": "paragraph",
                "value": f'<p><a linktype="page" id="{tree["news"].pk}">Nyheder</a> '
                f'<a linktype="page" id="{hidden.pk}">kladden</a></p>',
            },
        ]
        page = NewsPage(title=f"Nyhed {i}", slug=f"nyhed-{i}", teaser="t", body=json.dumps(body))
        tree["news"].add_child(instance=page).save_revision().publish()


def _ask(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/graphql/", json.dumps({"query": QUERY}), content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["newsItems"]["items"], len(queries.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 12])
def test_bodies_of_a_list_cost_the_same_sql_at_any_length(client, count):
    _news_with_links(create_site_tree(), count)
    items, sql = _ask(client)
    assert len(items) == count
    assert sql <= 10  # measured 9 at both sizes: session, visibility, the list, then one batch per step


@pytest.mark.django_db
def test_bodies_loaded_together_show_what_a_single_page_shows(client):
    _news_with_links(create_site_tree(), 3)
    items, _sql = _ask(client)
    for item in items:
        visible, hidden, paragraph = item["body"]
        assert visible["page"] == {"__typename": "GenericPage", "title": visible["page"]["title"]}
        assert visible["urlPath"] == "/nyheder/" and visible["label"] == visible["page"]["title"]
        assert hidden == {"__typename": "PageLinkBlock", "page": None, "label": "Skjult", "urlPath": None}
        assert '<a href="/nyheder/">Nyheder</a>' in paragraph["html"]
        assert "kladden" in paragraph["html"] and 'id="' not in paragraph["html"]
