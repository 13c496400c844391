"""Search answers never go stale, and Danish inflections are found on SQLite as on PostgreSQL.

Wagtail 8 indexes a published page in a background task (modelsearch's
`insert_or_update_object_task`), which the worker runs after the publish. A
search asked in between is answered (and cached) without the page; when the
worker has indexed it, the cached answer must go.
"""

import json

import pytest
from django.core.cache import cache
from django.core.management import call_command

from pages.models import NewsPage
from tests.factories import create_site_tree

SEARCH = "query Search($q: String!) { search(query: $q) { ... on PageInterface { title } } }"


def _search(client, word):
    response = client.get("/graphql/", {"query": SEARCH, "variables": json.dumps({"q": word})})
    assert response.status_code == 200, response.content
    return response["X-Cache"], [hit["title"] for hit in json.loads(response.content)["data"]["search"]]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_search_cached_before_the_worker_indexed_the_page_is_refreshed_after(client, settings):
    settings.GRAPHQL_RESPONSE_CACHE = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued, as in production
    cache.clear()
    tree = create_site_tree()
    page = tree["news"].add_child(instance=NewsPage(title="Vandkampsdag", slug="vandkamp", teaser="Xylofonorkester"))
    page.save_revision().publish()

    # Published, not indexed yet: the worker has not run. The empty answer is cached.
    assert _search(client, "Xylofonorkester") == ("MISS", [])
    assert _search(client, "Xylofonorkester") == ("HIT", [])

    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", verbosity=0)

    assert _search(client, "Xylofonorkester") == ("MISS", ["Vandkampsdag"])
    cache.clear()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_search_cached_before_update_index_is_refreshed_after(client, settings):
    """An operator's `manage.py update_index` writes the index in bulk, which sends no model signals."""
    settings.GRAPHQL_RESPONSE_CACHE = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the worker does not run here
    cache.clear()
    tree = create_site_tree()
    page = tree["news"].add_child(instance=NewsPage(title="Kildebakken", slug="kildebakken", teaser="Zinkvalseri"))
    page.save_revision().publish()
    assert _search(client, "Zinkvalseri") == ("MISS", [])
    assert _search(client, "Zinkvalseri") == ("HIT", [])

    call_command("update_index", verbosity=0)

    assert _search(client, "Zinkvalseri") == ("MISS", ["Kildebakken"])
    cache.clear()


@pytest.mark.django_db
def test_danish_inflections_are_found_on_every_database(gql, site_tree):
    page = NewsPage(title="Nyt fra Nordbyen", slug="nordbyen", teaser="Fem boligområder er med i planen.")
    site_tree["news"].add_child(instance=page)
    page.save_revision().publish()
    other = NewsPage(title="Sommerfest", slug="sommerfest", teaser="Musik og grill for hele familien.")
    site_tree["news"].add_child(instance=other)
    other.save_revision().publish()

    def titles(words):
        status, body, _ = gql(f'query {{ search(query: "{words}") {{ ... on PageInterface {{ title }} }} }}')
        assert status == 200 and "errors" not in body, body
        return {hit["title"] for hit in body["data"]["search"]}

    for word in ("boligområde", "boligområder", "boligområderne", "Boligområde"):
        # The index page "Boligområder" of the site tree is found too.
        assert titles(word) == {"Nyt fra Nordbyen", "Boligområder"}, word
    assert titles("familie") == {"Sommerfest"}
    assert titles("boligområde familien") == set()  # every word must match (AND), as on PostgreSQL
