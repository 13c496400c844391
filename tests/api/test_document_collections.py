"""A document collection lists its own documents: in a preview, the draft's; with shared slugs, its own."""

import pytest
from django.core.files.base import ContentFile

from documents.models import PlanDocument
from pages.models import DocumentCollectionItem, DocumentCollectionPage, DocumentLibraryPage
from pages.preview import preview_token_create

pytestmark = pytest.mark.django_db

QUERY = """query ($path: String!) { page(urlPath: $path) { ... on DocumentCollectionPage { documents { title } } } }"""
PREVIEW = """query ($token: String!) { previewPage(token: $token) { ... on DocumentCollectionPage { documents { title } } } }"""


def _document(title):
    document = PlanDocument(title=title, kind="evaluering")
    document.file.save(f"{title}.txt", ContentFile(b"x"))
    return document


def _collection(parent, slug, titles):
    page = parent.add_child(instance=DocumentCollectionPage(title=f"Samling {slug}", slug=slug))
    page.items = [DocumentCollectionItem(document=_document(title), sort_order=i) for i, title in enumerate(titles)]
    page.save_revision().publish()
    return page


def titles(body, field):
    return [document["title"] for document in body["data"][field]["documents"]]


def test_two_collections_with_the_same_slug_list_their_own_documents(gql, site_tree):
    archive = site_tree["home"].add_child(instance=DocumentLibraryPage(title="Arkiv", slug="arkiv"))
    _collection(site_tree["library"], "rapporter", ["A1", "A2"])
    _collection(archive, "rapporter", ["B1"])

    assert titles(gql(QUERY, {"path": "/dokumenter/rapporter/"})[1], "page") == ["A1", "A2"]
    assert titles(gql(QUERY, {"path": "/arkiv/rapporter/"})[1], "page") == ["B1"]


def test_a_preview_lists_the_drafts_documents_and_the_public_keeps_the_published_ones(gql, site_tree):
    page = _collection(site_tree["library"], "rapporter", ["Første", "Anden", "Tredje"])
    page.items = [DocumentCollectionItem(document=page.items.get(sort_order=2).document, sort_order=0)]
    revision = page.save_revision()

    preview = gql(PREVIEW, {"token": preview_token_create(revision=revision)})[1]

    assert titles(preview, "previewPage") == ["Tredje"]
    assert titles(gql(QUERY, {"path": "/dokumenter/rapporter/"})[1], "page") == ["Første", "Anden", "Tredje"]
