"""Hidden content never reaches an anonymous caller, on any path we expose."""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from documents.models import PlanDocument
from organisations.models import GovernanceBody
from pages.models import NewsPage, PlanPeriodPage

pytestmark = pytest.mark.django_db
CANARY = "KANARIEFUGL"


def _hidden_content(tree):
    news = tree["news"]
    draft = NewsPage(title=f"{CANARY} kladde", slug="kladde", live=False, teaser=CANARY)
    news.add_child(instance=draft)
    private = NewsPage(title=f"{CANARY} privat", slug="privat", teaser=CANARY)
    news.add_child(instance=private)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="hemmelig")
    live = NewsPage(title="Offentlig nyhed", slug="offentlig", teaser="synlig")
    news.add_child(instance=live)
    live.title = f"{CANARY} ny kladdetitel"
    live.save_revision()  # a newer draft of a live page
    period = PlanPeriodPage(title=f"{CANARY} periode", slug="skjult-periode", live=False)
    tree["plans"].add_child(instance=period)
    visible_period = PlanPeriodPage(title="Synlig periode", slug="synlig-periode")
    tree["plans"].add_child(instance=visible_period)
    GovernanceBody.objects.create(kind="bestyrelse", name=f"{CANARY} organ", plan_period=visible_period, live=False)
    root = Collection.get_first_root_node()
    secret = root.add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=secret, restriction_type="login")
    child = secret.add_child(name="Intern underamling")
    for collection in (secret, child):
        document = PlanDocument(title=f"{CANARY} {collection.name}", collection=collection, plan_period=visible_period)
        document.file.save("hemmelig.txt", ContentFile(CANARY.encode()))
    visible_period.plan_document = document  # chosen by an editor, then its collection was restricted
    visible_period.save_revision().publish()
    return visible_period


QUERIES = [
    ("{ newsItems(perPage: 100) { items { title teaser url } } }", {}),
    ('{ page(urlPath: "/nyheder/") { title children { title } } }', {}),
    ('{ page(urlPath: "/nyheder/kladde/") { title } }', {}),
    ('{ page(urlPath: "/nyheder/privat/") { title } }', {}),
    ('{ page(urlPath: "/nyheder/offentlig/") { title parent { title } ancestors { title } } }', {}),
    ("{ planPeriods { title governanceBodies { name } documents { title } } }", {}),
    ("{ planPeriods { title planDocument { title url } } }", {}),
    ('{ planPeriod(slug: "skjult-periode") { title } }', {}),
    ("{ documents(perPage: 100) { items { title url } } }", {}),
    ('{ search(query: "' + CANARY + '") { __typename ... on PageInterface { title } ... on Document { title } } }', {}),
    ('{ facebookCandidates(publishedSince: "2000-01-01T00:00:00Z") { title message } }', {}),
]


@pytest.mark.parametrize(("query", "variables"), QUERIES)
def test_no_canary_in_any_answer(gql, site_tree, query, variables):
    _hidden_content(site_tree)
    status, body, _ = gql(query, variables)
    assert status == 200 and "errors" not in body, body
    assert CANARY not in json.dumps(body, ensure_ascii=False)


def test_draft_metadata_is_not_in_the_schema():
    from cms.schema import schema

    sdl = str(schema)
    for name in ("draftTitle", "hasUnpublishedChanges", "latestRevision", "owner", "lockedBy", "goLiveAt"):
        assert name not in sdl


def test_the_live_title_is_served_not_the_draft(gql, site_tree):
    _hidden_content(site_tree)
    _, body, _ = gql('{ page(urlPath: "/nyheder/offentlig/") { title } }')
    assert body["data"]["page"]["title"] == "Offentlig nyhed"
    assert Page.objects.get(slug="offentlig").get_latest_revision_as_object().title.startswith(CANARY)


def test_media_visibility_by_a_loaded_collection_path_agrees_with_the_ids(site_tree):
    """A document loaded with its collection is judged by the path, with no query; the same answer as by id."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pages.visibility import Visibility

    _hidden_content(site_tree)
    public = PlanDocument(title="Offentlig", collection=Collection.get_first_root_node())
    public.file.save("offentlig.txt", ContentFile(b"ok"))
    documents = list(PlanDocument.objects.select_related("collection").order_by("pk"))
    visibility = Visibility()
    visibility.hidden_collection_prefixes  # noqa: B018 (the one query both ways share)
    with CaptureQueriesContext(connection) as queries:
        by_path = [visibility.is_media_visible(document) for document in documents]
    assert len(queries) == 0
    by_id = [visibility.is_media_visible(PlanDocument.objects.get(pk=document.pk)) for document in documents]
    assert by_path == by_id == [False, False, True]
