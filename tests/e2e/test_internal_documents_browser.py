"""'Intern' in Chromium: an editor picks the collection on upload and marks a document internal;
a visitor then gets neither its file nor its title, whatever its collection."""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection

from documents.models import PlanDocument
from tests.factories import SuperuserFactory, create_site_tree

from .browser import log_in, screenshot

PASSWORD = "hemmelig-kode"
LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@LIVE
def test_an_editor_marks_a_document_internal_and_visitors_get_neither_file_nor_title(live_server, browser_context):
    from playwright.sync_api import expect

    create_site_tree()
    root = Collection.get_first_root_node()
    public = root.add_child(name="Offentlige dokumenter")
    root.add_child(name="Intern (kun bestyrelsen)")
    document = PlanDocument(title="Budget for bestyrelsen", collection=public)
    document.file.save("budget.pdf", ContentFile(b"%PDF-1.4 intern\n"), save=False)
    document.save()
    editor = SuperuserFactory(username="redaktoer", password=PASSWORD)
    page = browser_context.new_page()
    log_in(page, live_server.url, editor.username, PASSWORD)

    # The upload dialog offers the collections, the private one included.
    page.goto(f"{live_server.url}/admin/documents/multiple/add/")
    collection = page.locator("select[name='collection']").first
    expect(collection).to_be_visible()
    assert "Intern (kun bestyrelsen)" in collection.inner_text()
    screenshot(page, "document-upload-collections")

    # The document sits in the public collection; the editor marks it internal.
    visitor = browser_context.browser.new_context(locale="da-DK").new_page()
    before = visitor.request.get(f"{live_server.url}{document.url}", max_redirects=0)
    assert before.status == 200
    page.goto(f"{live_server.url}/admin/documents/edit/{document.pk}/")
    page.select_option("select[name='audience']", label="Kun bestyrelsen (intern)")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/documents/")
    document.refresh_from_db()
    assert document.audience == "bestyrelse"

    response = visitor.request.get(f"{live_server.url}{document.url}", max_redirects=0)
    assert response.status == 302 and "login" in response.headers["location"]
    visitor.goto(f"{live_server.url}{document.url}")
    assert "%PDF" not in visitor.content()
    answer = visitor.request.post(
        f"{live_server.url}/graphql/",
        data=json.dumps(
            {"query": '{ documents(perPage: 100) { items { title } } search(query: "Budget") { __typename } }'}
        ),
        headers={"Content-Type": "application/json"},
    ).json()
    assert "Budget for bestyrelsen" not in json.dumps(answer, ensure_ascii=False), answer
    assert answer["data"]["search"] == []
