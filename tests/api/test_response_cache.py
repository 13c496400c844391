"""The response cache: hits cost no SQL, every kind of content change invalidates, keys never collide.

Invalidation is asserted through what a client sees: after a change the next
answer is a miss (`X-Cache: MISS`) and, where the change is visible, shows it.
Each change also runs its commit-time callbacks, as a real transaction would.
"""

import datetime as dt
import hashlib
import json

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Page, Site

from api import cache as response_cache
from api import cache_generation
from documents.models import PlanDocument, PlanImage
from home.models import HomePage, SiteSettings
from organisations.models import Place
from pages.models import EventPage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

NEWS = "query News($perPage: Int) { newsItems(perPage: $perPage) { items { title teaser image { title } } } }"
PAGE = "query Page($path: String!) { page(urlPath: $path) { title } }"
EVENTS = "query Events { events(limit: 5) { title place { name } } }"
DOCUMENTS = "query Docs { documents(perPage: 5) { items { title } } }"


@pytest.fixture
def cached(settings):
    settings.GRAPHQL_RESPONSE_CACHE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fetch(client, cached):
    """GET a query; return (response, parsed body or None, number of SQL queries)."""

    def run(query, variables=None, *, host="localhost", **headers):
        params = {"query": query}
        if variables is not None:
            params["variables"] = json.dumps(variables)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/graphql/", params, HTTP_HOST=host, **headers)
        body = json.loads(response.content) if response.content else None
        return response, body, len(queries.captured_queries)

    return run


def _miss_then_hit(fetch, query, variables=None):
    first, body, _ = fetch(query, variables)
    assert first["X-Cache"] == "MISS", body
    second, again, queries = fetch(query, variables)
    assert second["X-Cache"] == "HIT" and again == body and queries == 0
    return body


def _assert_invalidated(fetch, query, variables=None):
    response, body, queries = fetch(query, variables)
    assert response.status_code == 200 and response["X-Cache"] == "MISS", body
    assert queries > 0
    return body


def test_a_hit_runs_no_sql_and_carries_etag_and_cache_control(fetch, news):
    response, body, _ = fetch(NEWS)
    assert body["data"]["newsItems"]["items"][0]["title"] == "Første nyhed"
    hit, _, queries = fetch(NEWS)
    assert hit["X-Cache"] == "HIT" and queries == 0
    assert hit.content == response.content
    assert hit["ETag"] == response["ETag"] == response_cache.etag_of(response.content)
    assert hit["Cache-Control"] == "public, no-cache"
    assert "Set-Cookie" not in hit and not hit.cookies


def test_if_none_match_gets_304_without_a_body(fetch, news):
    response, _, _ = fetch(NEWS)
    not_modified, _, queries = fetch(NEWS, HTTP_IF_NONE_MATCH=response["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b"" and queries == 0
    assert not_modified["ETag"] == response["ETag"]
    changed, _, _ = fetch(NEWS, HTTP_IF_NONE_MATCH='"something-else"')
    assert changed.status_code == 200


def test_max_age_setting_allows_bounded_staleness(fetch, news, settings):
    settings.GRAPHQL_CACHE_MAX_AGE = 30
    response, _, _ = fetch(NEWS)
    assert response["Cache-Control"] == "public, max-age=30, stale-while-revalidate=30"


def test_post_of_a_query_is_cached_too(client, cached, news):
    payload = json.dumps({"query": NEWS})
    first = client.post("/graphql/", payload, content_type="application/json")
    with CaptureQueriesContext(connection) as queries:
        second = client.post("/graphql/", payload, content_type="application/json")
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT" and len(queries) == 0


def test_different_variables_never_share_an_entry(fetch, site_tree):
    for i in range(3):
        page = NewsPage(title=f"Nyhed {i}", slug=f"n{i}", published_date=dt.date(2024, 1, 1 + i))
        site_tree["news"].add_child(instance=page)
        page.save_revision().publish()
    _, one, _ = fetch(NEWS, {"perPage": 1})
    _, two, _ = fetch(NEWS, {"perPage": 2})
    assert len(one["data"]["newsItems"]["items"]) == 1
    assert len(two["data"]["newsItems"]["items"]) == 2
    hit, again, _ = fetch(NEWS, {"perPage": 1})
    assert hit["X-Cache"] == "HIT" and again == one


def test_two_sites_never_share_an_entry(fetch, site_tree):
    root = Page.get_first_root_node()
    other_home = root.add_child(instance=HomePage(title="Anden forside", slug="anden"))
    other_home.save_revision().publish()
    other_news = other_home.add_child(instance=NewsIndexPage(title="Andre nyheder", slug="nyheder"))
    Site.objects.create(hostname="andet.test", port=80, root_page=other_home, site_name="Andet")
    _, here, _ = fetch(PAGE, {"path": "/nyheder/"})
    _, there, _ = fetch(PAGE, {"path": "/nyheder/"}, host="andet.test")
    assert here["data"]["page"]["title"] == "Nyheder"
    assert there["data"]["page"]["title"] == other_news.title
    hit, again, _ = fetch(PAGE, {"path": "/nyheder/"}, host="andet.test")
    assert hit["X-Cache"] == "HIT" and again == there


def test_errors_are_not_stored(fetch, site_tree):
    query = "{ newsItems(perPage: 1000) { items { title } } }"
    for _ in range(2):
        response, body, _ = fetch(query)
        assert "errors" in body and response["Cache-Control"] == "no-store"
        assert "X-Cache" not in response


def test_mutations_are_never_cached(client, cached, site_tree):
    payload = json.dumps({"query": "mutation M { __typename }"})
    for _ in range(2):
        response = client.post("/graphql/", payload, content_type="application/json")
        assert response["Cache-Control"] == "no-store" and "X-Cache" not in response


def test_answers_marked_no_store_are_not_stored(fetch, news, monkeypatch):
    from api.views import ApiView

    monkeypatch.setattr(ApiView, "_no_store", staticmethod(lambda request: True))  # what a preview resolver sets
    for _ in range(2):
        response, _, queries = fetch(NEWS)
        assert response["Cache-Control"] == "no-store" and queries > 0


def test_requests_with_credentials_bypass_the_cache(fetch, news):
    fetch(NEWS)
    response, _, queries = fetch(NEWS, HTTP_AUTHORIZATION="Bearer x")
    assert "X-Cache" not in response and queries > 0


# --- persisted queries ---------------------------------------------------------


def test_persisted_query_flow(client, cached, news):
    digest = hashlib.sha256(NEWS.encode()).hexdigest()
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})
    unknown = client.get("/graphql/", {"extensions": extensions})
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    registered = client.get("/graphql/", {"query": NEWS, "extensions": extensions})
    assert registered.status_code == 200 and registered.json()["data"]["newsItems"]["items"]
    # Entries are keyed by the bytes sent, so the short form has its own entry: one miss, then hits.
    first = client.get("/graphql/", {"extensions": extensions})
    assert first.json() == registered.json() and first["X-Cache"] == "MISS"
    with CaptureQueriesContext(connection) as queries:
        short = client.get("/graphql/", {"extensions": extensions})
    assert short.json() == registered.json() and short["X-Cache"] == "HIT" and len(queries) == 0


def test_persisted_query_hash_must_match(client, cached, site_tree):
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}})
    response = client.get("/graphql/", {"query": NEWS, "extensions": extensions})
    assert response.status_code == 400
    unknown = client.get("/graphql/", {"extensions": extensions})
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"  # nothing was registered


# --- invalidation, one test per kind of change ------------------------------------


def test_publish_invalidates(fetch, news, django_capture_on_commit_callbacks):
    _miss_then_hit(fetch, NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        news.title = "Ny titel"
        news.save_revision().publish()
    body = _assert_invalidated(fetch, NEWS)
    assert body["data"]["newsItems"]["items"][0]["title"] == "Ny titel"


def test_unpublish_invalidates(fetch, news, django_capture_on_commit_callbacks):
    _miss_then_hit(fetch, NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    assert _assert_invalidated(fetch, NEWS)["data"]["newsItems"]["items"] == []


def test_move_invalidates(fetch, news, site_tree, django_capture_on_commit_callbacks):
    _miss_then_hit(fetch, PAGE, {"path": "/nyheder/foerste/"})
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=news.pk).move(site_tree["events"], pos="last-child")
    assert _assert_invalidated(fetch, PAGE, {"path": "/nyheder/foerste/"})["data"]["page"] is None


def test_delete_invalidates(fetch, news, django_capture_on_commit_callbacks):
    _miss_then_hit(fetch, NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=news.pk).delete()
    assert _assert_invalidated(fetch, NEWS)["data"]["newsItems"]["items"] == []


def test_new_revision_invalidates(fetch, news, django_capture_on_commit_callbacks):
    before = _miss_then_hit(fetch, NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        news.title = "Kladde"
        news.save_revision()  # a draft: the public answer stays the same, but is recomputed
    assert _assert_invalidated(fetch, NEWS) == before


def test_view_restriction_invalidates(fetch, news, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    _miss_then_hit(fetch, NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=news, restriction_type="password", password="x")
    assert _assert_invalidated(fetch, NEWS)["data"]["newsItems"]["items"] == []


def test_document_change_invalidates(fetch, site_tree, django_capture_on_commit_callbacks):
    document = PlanDocument(title="Rapport", kind="evaluering")
    document.file.save("r.txt", ContentFile(b"x"))
    _miss_then_hit(fetch, DOCUMENTS)
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "Rapport, rettet"
        document.save()
    assert _assert_invalidated(fetch, DOCUMENTS)["data"]["documents"]["items"][0]["title"] == "Rapport, rettet"
    assert fetch(DOCUMENTS)[0]["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        private = Collection.get_first_root_node().add_child(name="Intern")
        document.collection = private
        document.save()
        from wagtail.models import CollectionViewRestriction

        CollectionViewRestriction.objects.create(collection=private, restriction_type="password", password="x")
    assert _assert_invalidated(fetch, DOCUMENTS)["data"]["documents"]["items"] == []


def test_image_change_invalidates(fetch, news, django_capture_on_commit_callbacks):
    image = PlanImage.objects.create(title="Foto", file=get_test_image_file())
    with django_capture_on_commit_callbacks(execute=True):
        news.listing_image = image
        news.save_revision().publish()
    _miss_then_hit(fetch, NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        image.title = "Foto, nyt navn"
        image.save()
    body = _assert_invalidated(fetch, NEWS)
    assert body["data"]["newsItems"]["items"][0]["image"]["title"] == "Foto, nyt navn"


def test_snippet_change_invalidates(fetch, site_tree, django_capture_on_commit_callbacks):
    place = Place.objects.create(name="Beboerhuset", address="Vej 1", postcode="8900")
    event = EventPage(title="Fest", slug="fest", starts_at=timezone.now() + dt.timedelta(days=3), place=place)
    site_tree["events"].add_child(instance=event)
    event.save_revision().publish()
    _miss_then_hit(fetch, EVENTS)
    with django_capture_on_commit_callbacks(execute=True):
        place.name = "Det nye beboerhus"
        place.save()
    assert _assert_invalidated(fetch, EVENTS)["data"]["events"][0]["place"]["name"] == "Det nye beboerhus"


def test_settings_change_invalidates(fetch, news, django_capture_on_commit_callbacks):
    _miss_then_hit(fetch, NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        site_settings.organisation_name = "Et andet navn"
        site_settings.save()
    _assert_invalidated(fetch, NEWS)


def test_site_change_invalidates(fetch, news, django_capture_on_commit_callbacks):
    _miss_then_hit(fetch, NEWS)
    with django_capture_on_commit_callbacks(execute=True):
        Site.objects.filter(is_default_site=True).first().save()
    _assert_invalidated(fetch, NEWS)


def test_the_generation_is_bumped_again_on_commit(news, cached):
    """The commit-time bump is what protects against a reader that raced the transaction."""
    news.title = "Igen"
    news.save_revision().publish()
    pending = [callback for _, callback, _ in connection.run_on_commit if callback is cache_generation.bump_generation]
    assert len(pending) == 1  # once per transaction, however many rows were saved
    before = cache_generation.content_generation()
    pending[0]()
    assert cache_generation.content_generation() == before + 1


def test_reads_that_create_renditions_do_not_invalidate(news, cached):
    image = PlanImage.objects.create(title="Foto", file=get_test_image_file())
    before = cache_generation.content_generation()
    image.get_rendition("width-100")
    assert cache_generation.content_generation() == before
