"""The whole schema, walked as an anonymous caller, never shows hidden content.

Hidden "canary" content of every kind is added to the demo content, and visible
pages are made to point at it (choosers, foreign keys, rich-text links, listings).
Then a crawler (schema_walker.py) introspects the schema and asks for every
field it can reach to depth 4, following the data: every page by its path, every
slug, search, the preview field with an expired token. No answer may contain the
canary word, and every reachable field must have been asked for.
"""

import datetime as dt
import io
import json
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.signing import TimestampSigner, b62_encode
from PIL import Image as PILImage
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from cms.schema import schema
from documents.models import PlanDocument, PlanImage
from newsletter.models import NewsletterIssue, Subscriber
from organisations.models import GovernanceBody, Membership, Organisation, Person
from pages.models import (
    ActivityPage,
    DocumentCollectionItem,
    DocumentCollectionPage,
    EventPage,
    FocusAreaPage,
    FundingLine,
    NewsPage,
    PlanPeriodPage,
)
from pages.preview import SALT

from .schema_walker import Walk, introspected

pytestmark = pytest.mark.django_db
CANARY = "kanariefugl"
DEPTH = 4
FROM_2000 = '"2000-01-01T00:00:00+00:00"'


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "yellow").save(buffer, "PNG")
    return buffer.getvalue()


def _expired_token(revision) -> str:
    class EarlierSigner(TimestampSigner):
        def timestamp(self):
            return b62_encode(int(time.time()) - 3601)

    return EarlierSigner(salt=SALT).sign_object({"p": int(revision.object_id), "r": revision.pk}, compress=True)


def seed_canaries() -> dict:
    """Hidden content of every kind, and visible content that refers to it. Returns what the walk needs."""
    news_index = Page.objects.get(slug="nyheder").specific
    events_index = Page.objects.get(slug="arrangementer").specific
    plans_index = Page.objects.get(slug="helhedsplanen").specific
    period = PlanPeriodPage.objects.live().order_by("start_date").last()

    # Unpublished pages, and a live page under an unpublished parent.
    draft_news = news_index.add_child(
        instance=NewsPage(title=f"{CANARY} kladde", slug=f"{CANARY}-kladde", teaser=CANARY, live=False)
    )
    draft_news_revision = draft_news.save_revision()
    events_index.add_child(
        instance=EventPage(
            title=f"{CANARY} arrangement", slug=f"{CANARY}-arrangement", live=False, starts_at="2030-01-01T10:00:00Z"
        )
    )
    hidden_period = plans_index.add_child(
        instance=PlanPeriodPage(title=f"{CANARY} periode", slug=f"{CANARY}-periode", live=False, motto=CANARY)
    )
    hidden_period.add_child(instance=FocusAreaPage(title=f"{CANARY} under kladde", slug=f"{CANARY}-under-kladde"))

    # Password- and login-restricted pages, with live children.
    for restriction in ("password", "login"):
        restricted = plans_index.add_child(
            instance=PlanPeriodPage(title=f"{CANARY} {restriction}", slug=f"{CANARY}-{restriction}", motto=CANARY)
        )
        PageViewRestriction.objects.create(page=restricted, restriction_type=restriction, password="hemmelig")
        restricted.add_child(instance=FocusAreaPage(title=f"{CANARY} barn", slug=f"{CANARY}-{restriction}-barn"))

    # A live page with a newer draft.
    live_news = NewsPage.objects.live().order_by("pk").first()
    live_news.title = f"{CANARY} ny kladdetitel"
    live_news.teaser = f"{CANARY} ny manchet"
    live_news.save_revision()

    # Documents and an image in a restricted collection and in its child collection.
    secret = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=secret, restriction_type="login")
    secret_child = secret.add_child(name="Intern underamling")
    private_documents = []
    for collection in (secret, secret_child):
        document = PlanDocument(
            title=f"{CANARY} {collection.name}", collection=collection, plan_period=period, kind="annual_report"
        )
        document.file.save(f"{CANARY}.pdf", ContentFile(b"%PDF-1.4 " + CANARY.encode()))
        private_documents.append(document)
    # An internal document ("Kun bestyrelsen") left in the public root collection: hidden all the same.
    internal = PlanDocument(
        title=f"{CANARY} intern", plan_period=period, kind="annual_report", audience="bestyrelse", description=CANARY
    )
    internal.file.save(f"{CANARY}-intern.pdf", ContentFile(b"%PDF-1.4 " + CANARY.encode()))
    private_documents.append(internal)
    private_image = PlanImage(
        title=f"{CANARY} billede", collection=secret_child, file=ImageFile(io.BytesIO(_png()), name=f"{CANARY}.png")
    )
    private_image.save()
    public_image = PlanImage(title="Synligt billede", file=ImageFile(io.BytesIO(_png()), name="synlig.png"))
    public_image.save()

    # Draft snippets and a person who has not agreed to be shown.
    GovernanceBody.objects.create(kind="bestyrelse", name=f"{CANARY} organ", plan_period=period, live=False)
    FundingLine.objects.create(
        plan_period=period, funding_type="lbf", amount_kind="granted", amount_dkk=1, note=CANARY, live=False
    )
    body = GovernanceBody.objects.filter(live=True).first()
    person = Person.objects.create(name=f"{CANARY} person", is_public=False)
    Membership.objects.create(body=body, person=person)
    # Activities' contacts: one hidden (the canary), one public with an organisation, so the walk reaches it.
    first, second = ActivityPage.objects.live().order_by("pk")[:2]
    ActivityPage.objects.filter(pk=first.pk).update(contact=person)
    public = Person.objects.create(name="Synlig kontaktperson", organisation=Organisation.objects.first())
    ActivityPage.objects.filter(pk=second.pk).update(contact=public)

    # An issue of the newsletter that has not been sent, a sent one, and a subscriber.
    NewsletterIssue.objects.create(
        month=dt.date(2030, 1, 1), subject=f"{CANARY} udkast", html=f"<p>{CANARY}</p>", text=CANARY, state="draft"
    )
    NewsletterIssue.objects.create(
        month=dt.date(2021, 3, 1), subject="Nyhedsbrev marts 2021", html="<p>Hej</p>", text="Hej", state="sent"
    )
    Subscriber.objects.create(
        email=f"{CANARY}@example.dk", state="confirmed", consent_text="Ja tak", consent_at="2021-01-01T00:00:00Z"
    )

    # Visible content that points at all of it.
    pointer = news_index.add_child(
        instance=NewsPage(
            title="Synlig nyhed med henvisninger",
            slug="henvisninger",
            listing_image=public_image,
            pdf_version=private_documents[1],
            share_on_facebook=True,
            body=[
                ("page_link", {"page": draft_news}),
                ("page_link", {"page": hidden_period}),
                ("document", {"document": private_documents[0]}),
                ("document", {"document": internal}),
                ("image", {"image": private_image}),
                ("image", {"image": public_image}),
                (
                    "paragraph",
                    f'<p><a linktype="page" id="{draft_news.pk}">læs</a> '
                    f'<a linktype="document" id="{private_documents[1].pk}">hent</a> '
                    f'<a linktype="document" id="{internal.pk}">intern</a></p>',
                ),
            ],
        )
    )
    pointer.plan_periods.set([hidden_period, period])
    pointer.save_revision().publish()
    hidden_image_page = news_index.add_child(
        instance=NewsPage(title="Synlig nyhed med skjult billede", slug="skjult-billede", listing_image=private_image)
    )
    hidden_image_page.save_revision().publish()
    collection_page = DocumentCollectionPage.objects.live().first()
    DocumentCollectionItem.objects.create(page=collection_page, document=private_documents[0])
    DocumentCollectionItem.objects.create(page=collection_page, document=internal)
    collection_page.save_revision().publish()
    return {"draft_news_revision": draft_news_revision, "pointer": pointer}


def root_arguments(seeded) -> dict[str, list[dict[str, str]]]:
    site_root = Site.objects.get(is_default_site=True).root_page
    pages = Page.objects.filter(depth__gt=1)
    # The page that points at the canaries first: lookups walk only the first page of each type deeply.
    paths = sorted(
        {"/" + page.url_path.removeprefix(site_root.url_path).lstrip("/") for page in pages if page.url_path},
        key=lambda path: ("henvisninger" not in path, path),
    )
    slugs = sorted(set(pages.values_list("slug", flat=True)))
    expired = _expired_token(seeded["draft_news_revision"])
    return {
        "planPeriod": [{"slug": json.dumps(slug)} for slug in slugs],
        "housingArea": [{"slug": json.dumps(slug)} for slug in slugs],
        "documentCollection": [{"slug": json.dumps(slug)} for slug in slugs],
        "page": [{"urlPath": json.dumps(path)} for path in paths],
        "previewPage": [{"token": json.dumps(expired)}, {"token": json.dumps(expired[:-2] + "xx")}],
        "search": [{"query": json.dumps(word), "limit": "100"} for word in (CANARY, CANARY.upper(), "helhedsplan")],
        "facebookCandidates": [{"publishedSince": FROM_2000, "limit": "100"}],
        "newsItems": [{"perPage": "100"}],
        "events": [{"limit": "100", "from": FROM_2000}],
        "documents": [{"perPage": "100"}],
        "newsletterIssue": [{"month": json.dumps(month)} for month in ("2030-01", "2021-03")],
        "newsletterIssues": [{"limit": "100"}],
    }


def reachable_fields(client_schema, depth: int) -> set[tuple[str, str]]:
    """(type, field) pairs a query of `depth` levels can reach, from the schema alone."""
    from graphql import get_named_type, is_abstract_type, is_leaf_type

    found: set[tuple[str, str]] = set()
    frontier = [client_schema.query_type]
    for _ in range(depth):
        following = []
        for named in frontier:
            for object_type in client_schema.get_possible_types(named) if is_abstract_type(named) else [named]:
                for name, spec in object_type.fields.items():
                    if (object_type.name, name) in found:
                        continue
                    found.add((object_type.name, name))
                    target = get_named_type(spec.type)
                    if not is_leaf_type(target):
                        following.append(target)
        frontier = following
    return found


@pytest.fixture
def anonymous_send(client, monkeypatch):
    """POST as an anonymous client, with the size budgets of api.limits lifted.

    The walk asks for every field of every possible type at once, on purpose: a
    sweep for hidden content over the small demo content, not a client's query.
    Its documents are far over the cost a client may spend (search(limit: 100)
    with every page type's children is over a million); the budgets themselves
    are tested in tests/api/test_cost_limit.py. Depth, aliases and root fields
    stay as they are.
    """
    import api.checks
    import api.limits

    for name in ("MAX_COST", "MAX_SELECTIONS", "MAX_FIELD_PAIRS"):
        monkeypatch.setattr(api.limits, name, 10**12)
    api.checks.clear_prepared()

    def send(query: str):
        response = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
        return response.status_code, response.json()

    yield send
    api.checks.clear_prepared()  # nothing measured under the lifted budgets outlives the test


def test_walking_the_whole_schema_anonymously_shows_no_hidden_content(demo, anonymous_send):
    seeded = seed_canaries()
    client_schema = introspected(schema.graphql_schema)

    walk = Walk(
        client_schema,
        anonymous_send,
        root_arguments(seeded),
        depth=DEPTH,
        expand_once_per_type=frozenset({"page", "planPeriod", "housingArea", "documentCollection"}),
    ).run()

    leaks = [answer["query"] for answer in walk.answers if CANARY in json.dumps(answer["body"]).lower()]
    assert leaks == []
    refused = [answer for answer in walk.answers if answer["status"] != 200]
    assert refused == []
    errors = {
        error["message"]
        for answer in walk.answers
        for error in answer["body"].get("errors", [])
        if not answer["query"].startswith("{ previewPage(")
    }
    assert errors == set()
    preview_errors = {
        error["message"]
        for answer in walk.answers
        if answer["query"].startswith("{ previewPage(")
        for error in answer["body"].get("errors", [])
    }
    assert preview_errors == {
        "Linket til forhåndsvisningen er udløbet. Åbn forhåndsvisningen igen fra redigeringen.",
        "Linket til forhåndsvisningen er ugyldigt.",
    }
    # The walk reached the visible page that points at the canaries, and every field the schema offers.
    assert any("henvisninger" in json.dumps(answer["body"]) for answer in walk.answers)
    assert reachable_fields(client_schema, DEPTH) - walk.queried == set()
    print(f"schema walk: {len(walk.answers)} requests, {len(walk.queried)} fields")
