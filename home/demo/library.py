"""The documents app's content: the drawn illustrations, the plan documents and the library pages."""

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from documents.choices import DocumentKind
from documents.models import PlanDocument, PlanImage
from documents.renditions import ALL_SPECS
from pages.models import DocumentCollectionItem, DocumentCollectionPage, PlanPeriodPage

from . import examples, facts
from .images import CREDIT, HEIGHT, WIDTH, Illustration, illustration_png
from .pdfs import demo_pdf
from .state import Demo, danish_slug, publish_child


def illustrations(demo: Demo) -> None:
    """The drawn illustrations, each with the named renditions the API serves."""
    root_collection = Collection.get_first_root_node()
    for key, illustration in examples.ILLUSTRATIONS.items():
        demo.images[key] = _illustration(illustration, root_collection)


def _illustration(illustration: Illustration, collection: Collection) -> PlanImage:
    title = f"Illustration: {illustration.subject}"
    image = PlanImage.objects.filter(title=title).first()
    if image is None:
        png = illustration_png(illustration)
        image = PlanImage(
            title=title,
            description=illustration.alt_text,
            credit=CREDIT,
            collection=collection,
        )
        image.file.save(f"illustration-{illustration.key}.png", ContentFile(png), save=False)
        image.width, image.height, image.file_size = WIDTH, HEIGHT, len(png)
        image.save()
    # Read the renditions from the database, not Wagtail's rendition cache, which may remember
    # rows of a database that no longer has them (a dropped test database, a restored backup).
    image = PlanImage.objects.prefetch_related("renditions").get(pk=image.pk)
    image.get_renditions(*ALL_SPECS)  # made once; found again on the next run
    return image


def documents(demo: Demo) -> None:
    kind_labels = dict(DocumentKind.choices)
    root_collection = Collection.get_first_root_node()
    for title, kind, period_slug, published_on, description in facts.DOCUMENTS:
        period = demo.periods.get(period_slug)
        demo.documents[title] = _document(
            title=title,
            kind_label=kind_labels[kind],
            period=period,
            collection=root_collection,
            kind=kind,
            published_on=published_on,
            description=description,
            publisher=demo.orgs["Bysekretariatet"],
        )
    for period in demo.periods.values():
        plan = PlanDocument.objects.filter(plan_period=period, kind=DocumentKind.PLAN).first()
        if plan and period.plan_document_id is None:
            period.plan_document = plan
            period.save_revision().publish()


def _document(*, title: str, kind_label: str, period: PlanPeriodPage | None, **fields) -> PlanDocument:
    document = PlanDocument.objects.filter(title=title).first()
    if document is None:
        pdf = demo_pdf(title=title, kind_label=kind_label, period_title=period.title if period else None)
        document = PlanDocument(title=title, plan_period=period, **fields)
        document.file.save(f"{danish_slug(title)}.pdf", ContentFile(pdf), save=False)
        document.file_size = len(pdf)
        document.save()
    return document


def private_collection(demo: Demo) -> None:
    """A collection only logged-in staff of the board's group may open, with one internal document."""
    root_collection = Collection.get_first_root_node()
    collection = root_collection.get_children().filter(name=examples.PRIVATE_COLLECTION).first()
    if collection is None:
        collection = root_collection.add_child(name=examples.PRIVATE_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get_or_create(name="Bestyrelsen")[0]])
    spec = examples.INTERNAL_DOCUMENT
    _document(
        title=spec["title"],
        kind_label=dict(DocumentKind.choices)[spec["kind"]],
        period=demo.periods["helhedsplanen-2021-2025"],
        collection=collection,
        kind=spec["kind"],
        audience=spec["audience"],
        description=spec["description"],
        publisher=demo.orgs["Bysekretariatet"],
    )


def document_collections(demo: Demo) -> None:
    library = demo.indexes["library"]
    for slug, title, kinds, auto_kind in facts.DOCUMENT_COLLECTIONS:
        page = DocumentCollectionPage(title=title, slug=slug, auto_kind=auto_kind or "")
        if not library.get_children().filter(slug=slug).exists():
            chosen = PlanDocument.objects.filter(kind__in=kinds).order_by("plan_period__path", "title")
            page.items = [DocumentCollectionItem(document=document) for document in chosen]
        publish_child(library, page)
