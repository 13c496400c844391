"""A deterministic benchmark data set: the same pages, titles and relations on every run.

Pages are written in bulk (treebeard paths computed here, one INSERT per batch and
table) because `add_child` + `save_revision().publish()` takes minutes for 20,000
pages. What the API reads is filled in as Wagtail would: paths, url_path, live
state, a live revision per page, view restrictions, search-free.

Every 20th page of each type is unpublished and every 20th (another offset) has a
view restriction; 20 % of the documents sit in a private collection, half of those
in a child collection of it. Dates are fixed, not relative to today.
"""

import datetime as dt
import io
import random
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection, transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Revision,
    Site,
)

from documents.models import PlanDocument, PlanImage
from home.models import HomePage
from organisations.models import GovernanceBody, Membership, Organisation, Person, Place, TargetGroup
from pages.models import (
    ActivityIndexPage,
    ActivityPage,
    Approval,
    AreaClassification,
    DocumentCollectionItem,
    DocumentCollectionPage,
    DocumentLibraryPage,
    EventIndexPage,
    EventPage,
    FocusAreaPage,
    FundingLine,
    HousingAreaIndexPage,
    HousingAreaPage,
    NewsIndexPage,
    NewsPage,
    PlanPeriodHousingArea,
    PlanPeriodIndexPage,
    PlanPeriodPage,
)

SEED = 20_240_601
BASE = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
BATCH = 1000


@dataclass(frozen=True)
class Size:
    periods: int
    areas: int
    activities: int
    news: int
    events: int
    collections: int
    documents: int
    images: int
    places: int
    people: int


SIZES = {
    "XS": Size(2, 3, 4, 10, 6, 1, 12, 3, 2, 6),  # for tests
    "S": Size(3, 8, 15, 35, 15, 3, 50, 10, 5, 10),  # ~100 pages
    "M": Size(6, 40, 300, 1000, 600, 10, 500, 100, 30, 40),  # ~2,000 pages
    "L": Size(10, 150, 2500, 11000, 6250, 40, 2000, 500, 100, 100),  # ~20,000 pages
}


def _step(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
        if number == 0:
            return digits.rjust(STEPLEN, "0")


def _png(seed: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (64, 48), ((seed * 53) % 256, (seed * 97) % 256, (seed * 31) % 256))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def hidden_kind(index: int) -> str | None:
    """Of every 20 content pages, one is unpublished and another is private: 5 % each."""
    if index % 20 == 7:
        return "unpublished"
    if index % 20 == 17:
        return "private"
    return None


class _Tree:
    """Pages under one parent, added in bulk with computed treebeard paths."""

    def __init__(self, rng: random.Random, locale: Locale):
        self.rng = rng
        self.locale = locale
        self.children: dict[int, int] = {}  # parent pk -> children added so far
        self.restricted: list[Page] = []
        self.content_types: dict[type, ContentType] = {}
        self.hideable = 0  # counts content pages across types, so 5 % holds at every size

    def build(self, parent: Page, model: type, rows: list[dict], published_at: list[dt.datetime]) -> list[Page]:
        content_type = self.content_types.setdefault(model, ContentType.objects.get_for_model(model))
        start = self.children.get(parent.pk, parent.numchild)
        pages = []
        for offset, (fields, when) in enumerate(zip(rows, published_at, strict=True)):
            number = start + offset + 1
            hidden = None
            if fields.pop("_hideable", False):
                hidden = hidden_kind(self.hideable)
                self.hideable += 1
            live = hidden != "unpublished"
            page = model(
                **fields,
                content_type=content_type,
                path=parent.path + _step(number),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{fields['slug']}/",
                draft_title=fields["title"],
                live=live,
                has_unpublished_changes=not live,
                first_published_at=when if live else None,
                last_published_at=when if live else None,
                locale=self.locale,
                translation_key=uuid.UUID(int=self.rng.getrandbits(128)),
            )
            page._bench_hidden = hidden
            pages.append(page)
        # Two inserts per batch: the Page rows (ids returned), then the specific rows.
        for batch_start in range(0, len(pages), BATCH):
            batch = pages[batch_start : batch_start + BATCH]
            Page.objects.bulk_create(batch)
            for page in batch:
                page.page_ptr_id = page.id
            if model is not Page:
                # bulk_create refuses multi-table models; insert the child table's own columns.
                model._base_manager._insert(batch, fields=model._meta.local_concrete_fields, using=connection.alias)
        self.children[parent.pk] = start + len(pages)
        Page.objects.filter(pk=parent.pk).update(numchild=self.children[parent.pk])
        parent.numchild = self.children[parent.pk]
        self.restricted += [page for page in pages if page._bench_hidden == "private"]
        return pages


def generate(*, size: str, stdout=None) -> dict[str, int]:
    """Replace the site's content with the data set of `size`; return the counts."""
    spec = SIZES[size]
    rng = random.Random(SEED)
    with transaction.atomic():
        counts = _generate(spec, rng)
    from api.cache import bump_generation

    bump_generation()  # bulk writes send no signals
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # As autovacuum would in production: planner statistics and the visibility map
        # (index-only scans) for the freshly loaded tables; without them the benchmark
        # measures plans for empty tables.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return counts


def _wipe() -> None:
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    for model in (GovernanceBody, FundingLine, PlanDocument, PlanImage, Place, Person, Organisation, TargetGroup):
        model.objects.all().delete()
    Revision.objects.filter(base_content_type=ContentType.objects.get_for_model(Page)).delete()
    PageViewRestriction.objects.all().delete()
    CollectionViewRestriction.objects.all().delete()
    for child in root.get_children():
        child.delete()
    Collection.objects.filter(depth__gt=1).delete()
    Page.objects.filter(pk=root.pk).update(numchild=0)


def _generate(spec: Size, rng: random.Random) -> dict[str, int]:
    _wipe()
    locale = Locale.get_default()
    tree = _Tree(rng, locale)
    root = Page.get_first_root_node()
    root.numchild = 0

    home = tree.build(
        root, HomePage, [{"title": "Helhedsplan Randers", "slug": "forside", "hero_title": "Velkommen"}], [BASE]
    )[0]
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Bench")
    Site.objects.create(hostname="andet.localhost", port=80, root_page=home, site_name="Bench 2")
    indexes = {}
    for key, model, title, slug in [
        ("plans", PlanPeriodIndexPage, "Helhedsplanen", "helhedsplanen"),
        ("areas", HousingAreaIndexPage, "Boligområder", "boligomraader"),
        ("activities", ActivityIndexPage, "Aktiviteter", "aktiviteter"),
        ("news", NewsIndexPage, "Nyheder", "nyheder"),
        ("events", EventIndexPage, "Arrangementer", "arrangementer"),
        ("library", DocumentLibraryPage, "Dokumenter", "dokumenter"),
    ]:
        indexes[key] = tree.build(home, model, [{"title": title, "slug": slug}], [BASE])[0]

    # Snippets and media.
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {i:03d}", kind=("boligorganisation", "kommune", "forening")[i % 3])
        for i in range(max(5, spec.places))
    )
    target_groups = TargetGroup.objects.bulk_create(
        TargetGroup(name=name, age_min=low, age_max=high)
        for name, low, high in [("Børn", 0, 12), ("Unge", 13, 17), ("Voksne", 18, 64), ("Ældre", 65, None)]
    )
    places = Place.objects.bulk_create(
        Place(name=f"Beboerhus {i:03d}", address=f"Vej {i}", postcode="8900") for i in range(spec.places)
    )
    people = Person.objects.bulk_create(
        Person(name=f"Person {i:03d}", job_title="Projektleder", is_public=i % 10 != 3) for i in range(spec.people)
    )
    collection_root = Collection.get_first_root_node()
    public = collection_root.add_child(name="Offentlige dokumenter")
    private = collection_root.add_child(name="Interne dokumenter")
    private_child = private.add_child(name="Bestyrelsen")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="password", password="bench")
    png = [_png(i) for i in range(4)]
    files = []
    for i, content in enumerate(png):  # four tiny files, shared by all images
        holder = PlanImage(title="", width=64, height=48)
        holder.file.save(f"bench_{i}.png", ContentFile(content), save=False)
        files.append(holder.file.name)
    images = PlanImage.objects.bulk_create(
        PlanImage(title=f"Billede {i:04d}", width=64, height=48, collection=public, file=files[i % 4])
        for i in range(spec.images)
    )
    pdf = ContentFile(b"%PDF-1.4 bench\n")

    # Plan periods and focus areas.
    kinds = ["evaluering", "aarsrapport", "referat", "budget", "helhedsplan", "andet"]
    periods = tree.build(
        indexes["plans"],
        PlanPeriodPage,
        [
            {
                "title": f"Helhedsplanen {2026 - 4 * (spec.periods - i)}-{2030 - 4 * (spec.periods - i)}",
                "slug": f"helhedsplanen-{i:02d}",
                "motto": f"Motto {i}",
                "start_date": dt.date(2026 - 4 * (spec.periods - i), 1, 1),
                "end_date": dt.date(2029 - 4 * (spec.periods - i), 12, 31),
                "teaser": "Periodens mål",
                "intro": "<p>Indledning</p>",
            }
            for i in range(1, spec.periods + 1)
        ],
        [BASE - dt.timedelta(days=400 * (spec.periods - i)) for i in range(1, spec.periods + 1)],
    )
    themes = ["uddannelse_livschancer", "beskaeftigelse", "kriminalitetsforebyggelse", "sammenhaengskraft"]
    focus_areas = []
    for period in periods:
        focus_areas += tree.build(
            period,
            FocusAreaPage,
            [
                {
                    "title": f"{period.title}: indsats {j}",
                    "slug": f"indsats-{j}",
                    "lbf_theme": themes[j],
                    "summary": "Formål",
                }
                for j in range(4)
            ],
            [BASE] * 4,
        )

    areas = tree.build(
        indexes["areas"],
        HousingAreaPage,
        [
            {
                "title": f"Boligområde {i:03d}",
                "slug": f"omraade-{i:03d}",
                "local_status_label": "I risikozonen" if i % 4 == 0 else "",
                "description": "<p>Et område</p>",
                "_hideable": True,
            }
            for i in range(spec.areas)
        ],
        [BASE] * spec.areas,
    )

    documents = []
    for i in range(spec.documents):
        collection = public if i % 5 else (private if i % 10 == 0 else private_child)
        document = PlanDocument(
            title=f"Dokument {i:04d}",
            kind=kinds[i % len(kinds)],
            plan_period=periods[i % len(periods)],
            published_on=(BASE - dt.timedelta(days=3 * i)).date(),
            collection=collection,
            file_size=1000 + i,
        )
        document.file.name = "documents/bench.pdf"
        documents.append(document)
    if spec.documents:
        documents[0].file.save("bench.pdf", pdf, save=False)
        for document in documents:
            document.file.name = documents[0].file.name
    documents = PlanDocument.objects.bulk_create(documents)

    visible_targets: list[Page] = [*periods, *focus_areas, *areas]

    def body(i: int) -> list[dict]:
        """10 blocks: heading, 2 paragraphs (page and document links), image, document, 3 page links, quote, video."""
        page_ids = [rng.choice(visible_targets).pk for _ in range(4)]
        document = documents[rng.randrange(len(documents))] if documents else None
        image = images[rng.randrange(len(images))] if images else None
        blocks = [
            {"type": "heading", "value": {"text": f"Afsnit {i}", "level": "h2"}},
            {
                "type": "paragraph",
                "value": f'<p>Tekst med <a linktype="page" id="{page_ids[0]}">et link</a> og mere tekst.</p>',
            },
            {"type": "paragraph", "value": "<p>" + "Lorem ipsum dolor sit amet. " * 6 + "</p>"},
            {"type": "image", "value": {"image": image.pk if image else None, "caption": "Foto", "alt_text": ""}},
            {"type": "document", "value": {"document": document.pk if document else None, "label": ""}},
            *({"type": "page_link", "value": {"page": pk, "label": ""}} for pk in page_ids[1:]),
            {"type": "quote", "value": {"quote": "Et citat", "attribution": "En beboer"}},
            {"type": "video", "value": {"url": "https://example.org/v", "title": "Video"}},
        ]
        return [{**block, "id": str(uuid.UUID(int=rng.getrandbits(128)))} for block in blocks]

    activities = tree.build(
        indexes["activities"],
        ActivityPage,
        [
            {
                "title": f"Aktivitet {i:04d}",
                "slug": f"aktivitet-{i:04d}",
                "teaser": "Kort om aktiviteten",
                "body": body(i),
                "_hideable": True,
            }
            for i in range(spec.activities)
        ],
        [BASE] * spec.activities,
    )
    news = tree.build(
        indexes["news"],
        NewsPage,
        [
            {
                "title": f"Nyhed {i:05d}",
                "slug": f"nyhed-{i:05d}",
                "teaser": f"Manchet til nyhed {i}",
                "published_date": (BASE - dt.timedelta(hours=12 * i)).date(),
                "share_on_facebook": i % 3 == 0,
                "listing_image": images[i % len(images)] if images and i % 2 == 0 else None,
                "body": body(i),
                "_hideable": True,
            }
            for i in range(spec.news)
        ],
        [BASE - dt.timedelta(hours=12 * i) for i in range(spec.news)],
    )
    events = tree.build(
        indexes["events"],
        EventPage,
        [
            {
                "title": f"Arrangement {i:05d}",
                "slug": f"arrangement-{i:05d}",
                "teaser": "Kom og vær med",
                "starts_at": BASE + dt.timedelta(hours=6 * (i - spec.events // 2)),
                "place": places[i % len(places)] if places else None,
                "share_on_facebook": i % 4 == 0,
                "body": body(i),
                "_hideable": True,
            }
            for i in range(spec.events)
        ],
        [BASE - dt.timedelta(days=30) + dt.timedelta(hours=6 * i) for i in range(spec.events)],
    )
    collections = tree.build(
        indexes["library"],
        DocumentCollectionPage,
        [
            {"title": f"Samling {i:02d}", "slug": f"samling-{i:02d}", "auto_kind": kinds[i % len(kinds)]}
            for i in range(spec.collections)
        ],
        [BASE] * spec.collections,
    )

    # Relations.
    through = ActivityPage.focus_areas.through
    through.objects.bulk_create(
        through(activitypage_id=a.pk, focusareapage_id=focus_areas[i % len(focus_areas)].pk)
        for i, a in enumerate(activities)
    )
    through = ActivityPage.housing_areas.through
    through.objects.bulk_create(
        through(activitypage_id=a.pk, housingareapage_id=areas[i % len(areas)].pk) for i, a in enumerate(activities)
    )
    through = ActivityPage.target_groups.through
    through.objects.bulk_create(
        through(activitypage_id=a.pk, targetgroup_id=target_groups[i % 4].pk) for i, a in enumerate(activities)
    )
    through = NewsPage.plan_periods.through
    through.objects.bulk_create(
        through(newspage_id=n.pk, planperiodpage_id=periods[i % len(periods)].pk) for i, n in enumerate(news)
    )
    PlanPeriodHousingArea.objects.bulk_create(
        PlanPeriodHousingArea(page=period, housing_area=area, coverage="all" if j % 2 else "selected", sort_order=j)
        for period in periods
        for j, area in enumerate(areas[: min(len(areas), 12)])
    )
    Approval.objects.bulk_create(
        Approval(page=period, approved_by="lbf", approved_on=period.start_date, sort_order=0) for period in periods
    )
    FundingLine.objects.bulk_create(
        FundingLine(
            plan_period=period,
            funder=organisations[j % len(organisations)],
            funding_type=("lbf_tilskud", "kommunal", "boligorganisationer")[j],
            amount_kind="bevilget",
            amount_dkk=1_000_000 * (j + 1),
            live=True,
            sort_order=j,
        )
        for period in periods
        for j in range(3)
    )
    bodies = GovernanceBody.objects.bulk_create(
        GovernanceBody(plan_period=period, kind=kind, name=f"{name} {period.slug}", live=True, sort_order=j)
        for period in periods
        for j, (kind, name) in enumerate([("bestyrelse", "Bestyrelsen"), ("styregruppe", "Styregruppen")])
    )
    Membership.objects.bulk_create(
        Membership(
            body=governing,
            person=people[(i + j) % len(people)],
            role="medlem",
            represents=organisations[j % len(organisations)],
            sort_order=j,
        )
        for i, governing in enumerate(bodies)
        for j in range(5)
    )
    AreaClassification.objects.bulk_create(
        AreaClassification(
            housing_area=area, list_date=dt.date(2020 + j, 12, 1), list_type="udsat", official_area_name=area.title
        )
        for area in areas
        for j in range(2)
    )
    DocumentCollectionItem.objects.bulk_create(
        DocumentCollectionItem(page=page, document=documents[(i * 7 + j) % len(documents)], sort_order=j)
        for i, page in enumerate(collections)
        for j in range(5)
        if documents
    )

    # Revisions (the jobs read live_revision_id) and view restrictions.
    all_pages = [home, *indexes.values(), *periods, *focus_areas, *areas, *activities, *news, *events, *collections]
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        (
            Revision(
                content_type_id=page.content_type_id,
                base_content_type=page_type,
                object_id=str(page.pk),
                content={"pk": page.pk, "title": page.title},
                object_str=page.title,
                created_at=page.last_published_at or BASE,
            )
            for page in all_pages
        ),
        batch_size=BATCH,
    )
    for page, revision in zip(all_pages, revisions, strict=True):
        page.latest_revision_id = revision.pk
        page.live_revision_id = revision.pk if page.live else None
    Page.objects.bulk_update(all_pages, ["latest_revision", "live_revision"], batch_size=BATCH)
    for page in tree.restricted:
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="bench")

    return {
        "pages": Page.objects.filter(depth__gt=1).count(),
        "unpublished": Page.objects.filter(live=False).count(),
        "private": PageViewRestriction.objects.count(),
        "documents": PlanDocument.objects.count(),
        "private_documents": PlanDocument.objects.filter(collection__in=[private, private_child]).count(),
        "images": PlanImage.objects.count(),
        "news": len(news),
        "events": len(events),
    }
