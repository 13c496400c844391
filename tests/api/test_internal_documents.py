"""A document marked "Kun bestyrelsen (intern)" is never served to anonymous callers, whatever its collection.

Each path is tried with an internal document in the public root collection beside
a public one: the documents list, search, a document block and a rich-text link in
a page body, a document collection's items, the plan period's documents, and the
download URL. Editors still download it after logging in.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from wagtail.models import Collection, GroupCollectionPermission

from documents.models import PlanDocument
from pages.models import DocumentCollectionItem, DocumentCollectionPage, NewsPage
from tests.factories import PlanPeriodPageFactory, SuperuserFactory

pytestmark = pytest.mark.django_db

PAGE = """query ($path: String!) { page(urlPath: $path) {
  ... on NewsPage { body { ... on DocumentBlock { document { title } label }
                                                ... on ParagraphBlock { html } } }
  ... on DocumentCollectionPage { documents { title } }
  ... on PlanPeriodPage { documents { title } } } }"""


def _document(title, audience, **extra):
    document = PlanDocument(title=title, kind="referat", audience=audience, **extra)
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(b"%PDF-1.4 referat"))
    return document


@pytest.fixture
def documents(site_tree):
    period = PlanPeriodPageFactory(parent=site_tree["plans"], title="Helhedsplan 2024-2027", slug="hp-2024")
    return {
        "period": period,
        "public": _document("Referat offentligt", "offentlig", plan_period=period),
        "internal": _document("Referat bestyrelse", "bestyrelse", plan_period=period),
    }


def test_the_documents_list_leaves_internal_documents_out(gql, documents):
    _, body, _ = gql("{ documents(perPage: 100) { items { title } pagination { total } } }")
    assert [item["title"] for item in body["data"]["documents"]["items"]] == ["Referat offentligt"]


def test_search_leaves_internal_documents_out(gql, documents):
    _, body, _ = gql('{ search(query: "referat") { ... on Document { title } } }')
    assert [hit.get("title") for hit in body["data"]["search"]] == ["Referat offentligt"]


def test_a_page_body_does_not_show_an_internal_document_in_a_block_or_a_link(gql, documents, site_tree):
    internal = documents["internal"]
    page = NewsPage(
        title="Nyhed",
        slug="nyhed",
        body=[
            ("document", {"document": internal, "label": ""}),
            ("document", {"document": documents["public"], "label": ""}),
            ("paragraph", f'<p><a linktype="document" id="{internal.pk}">hent referatet</a></p>'),
        ],
    )
    site_tree["news"].add_child(instance=page)
    page.save_revision().publish()

    _, body, _ = gql(PAGE, {"path": "/nyheder/nyhed/"})
    news = body["data"]["page"]
    assert news["body"][0] == {"document": None, "label": ""}
    assert news["body"][1]["document"] == {"title": "Referat offentligt"}
    assert "/documents/" not in news["body"][2]["html"]
    assert "hent referatet" in news["body"][2]["html"]


def test_a_document_collection_and_a_plan_period_leave_internal_documents_out(gql, documents, site_tree):
    page = DocumentCollectionPage(title="Referater", slug="referater", auto_kind="referat")
    site_tree["library"].add_child(instance=page)
    page.items = [DocumentCollectionItem(document=documents["internal"], sort_order=0)]
    page.save_revision().publish()

    _, body, _ = gql(PAGE, {"path": "/dokumenter/referater/"})
    assert body["data"]["page"]["documents"] == [{"title": "Referat offentligt"}]
    _, body, _ = gql(PAGE, {"path": "/helhedsplanen/hp-2024/"})
    assert body["data"]["page"]["documents"] == [{"title": "Referat offentligt"}]


def test_the_file_url_of_an_internal_document_asks_anonymous_callers_to_log_in(client, documents):
    public, internal = documents["public"], documents["internal"]

    assert client.get(public.url).status_code == 200
    response = client.get(internal.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    client.force_login(SuperuserFactory())
    response = client.get(internal.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 referat"


def test_a_logged_in_user_without_admin_access_is_refused_the_file(client, documents, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="beboer", password="x"))
    assert client.get(documents["internal"].url).status_code == 403


def test_the_upload_forms_let_editors_pick_a_collection_once_there_are_two(client, documents, django_user_model):
    """Wagtail hides the field while only the root collection exists; the demo content adds a private one."""
    Collection.get_first_root_node().add_child(name="Intern (kun bestyrelsen)")
    editors = Group.objects.create(name="Dokumentredaktører")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_document", "choose_document", "change_document"):
        GroupCollectionPermission.objects.create(
            group=editors,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(codename=codename, content_type__app_label="wagtaildocs"),
        )
    user = django_user_model.objects.create_user(username="redaktoer", password="x")
    user.groups.add(editors)
    client.force_login(user)

    multiple = client.get("/admin/documents/multiple/add/")
    chooser = client.get("/admin/documents/chooser/")

    assert multiple.status_code == 200
    assert 'name="collection"' in multiple.content.decode()
    assert "Intern (kun bestyrelsen)" in multiple.content.decode()
    assert "Intern (kun bestyrelsen)" in chooser.json()["html"]
