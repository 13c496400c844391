"""The benchmark data set, built in named steps, one per part of the content model."""

import datetime as dt
import io
import random
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Revision,
    Site,
)

from bench.content_pages import BASE, DOCUMENT_KINDS, ContentPages
from bench.tree import BATCH, Tree
from documents.models import PlanDocument, PlanImage
from home.models import HomePage
from organisations.models import GovernanceBody, Membership, Organisation, Person, Place, TargetGroup
from pages.models import (
    ActivityIndexPage,
    ActivityPage,
    Approval,
    AreaClassification,
    DocumentCollectionItem,
    DocumentLibraryPage,
    EventIndexPage,
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

if TYPE_CHECKING:
    from bench.data import Size


def _png(seed: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (64, 48), ((seed * 53) % 256, (seed * 97) % 256, (seed * 31) % 256))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def wipe() -> None:
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


class DataSet:
    """Builds the data set in named steps, one per part of the content model.

    The steps run in a fixed order and share one random generator, so the order of the
    calls below is part of the data: reordering them changes every title and body.
    """

    def __init__(self, spec: "Size", rng: random.Random):
        self.spec = spec
        self.rng = rng
        self.tree = Tree(rng, Locale.get_default())

    def build(self) -> dict[str, int]:
        wipe()
        self.site()
        self.snippets()
        self.media()
        self.plan_periods()
        self.housing_areas()
        self.documents()
        self.content_pages()
        self.relations()
        self.governance()
        self.revisions()
        return self.counts()

    def site(self) -> None:
        root = Page.get_first_root_node()
        root.numchild = 0
        home = self.tree.build(
            root, HomePage, [{"title": "Helhedsplan Randers", "slug": "forside", "hero_title": "Velkommen"}], [BASE]
        )[0]
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Bench")
        Site.objects.create(hostname="andet.localhost", port=80, root_page=home, site_name="Bench 2")
        self.home = home
        self.indexes = {
            key: self.tree.build(home, model, [{"title": title, "slug": slug}], [BASE])[0]
            for key, model, title, slug in [
                ("plans", PlanPeriodIndexPage, "Helhedsplanen", "helhedsplanen"),
                ("areas", HousingAreaIndexPage, "Boligområder", "boligomraader"),
                ("activities", ActivityIndexPage, "Aktiviteter", "aktiviteter"),
                ("news", NewsIndexPage, "Nyheder", "nyheder"),
                ("events", EventIndexPage, "Arrangementer", "arrangementer"),
                ("library", DocumentLibraryPage, "Dokumenter", "dokumenter"),
            ]
        }

    def snippets(self) -> None:
        spec = self.spec
        self.organisations = Organisation.objects.bulk_create(
            Organisation(name=f"Organisation {i:03d}", kind=("boligorganisation", "kommune", "forening")[i % 3])
            for i in range(max(5, spec.places))
        )
        self.target_groups = TargetGroup.objects.bulk_create(
            TargetGroup(name=name, age_min=low, age_max=high)
            for name, low, high in [("Børn", 0, 12), ("Unge", 13, 17), ("Voksne", 18, 64), ("Ældre", 65, None)]
        )
        self.places = Place.objects.bulk_create(
            Place(name=f"Beboerhus {i:03d}", address=f"Vej {i}", postcode="8900") for i in range(spec.places)
        )
        self.people = Person.objects.bulk_create(
            Person(name=f"Person {i:03d}", job_title="Projektleder", is_public=i % 10 != 3) for i in range(spec.people)
        )

    def media(self) -> None:
        """A public collection for images and most documents; a private one with a child collection."""
        collection_root = Collection.get_first_root_node()
        self.public = collection_root.add_child(name="Offentlige dokumenter")
        self.private = collection_root.add_child(name="Interne dokumenter")
        self.private_child = self.private.add_child(name="Bestyrelsen")
        CollectionViewRestriction.objects.create(collection=self.private, restriction_type="password", password="bench")
        files = []
        for i, content in enumerate(_png(i) for i in range(4)):  # four tiny files, shared by all images
            holder = PlanImage(title="", width=64, height=48)
            holder.file.save(f"bench_{i}.png", ContentFile(content), save=False)
            files.append(holder.file.name)
        self.images = PlanImage.objects.bulk_create(
            PlanImage(title=f"Billede {i:04d}", width=64, height=48, collection=self.public, file=files[i % 4])
            for i in range(self.spec.images)
        )

    def plan_periods(self) -> None:
        count = self.spec.periods
        self.periods = self.tree.build(
            self.indexes["plans"],
            PlanPeriodPage,
            [
                {
                    "title": f"Helhedsplanen {2026 - 4 * (count - i)}-{2030 - 4 * (count - i)}",
                    "slug": f"helhedsplanen-{i:02d}",
                    "motto": f"Motto {i}",
                    "start_date": dt.date(2026 - 4 * (count - i), 1, 1),
                    "end_date": dt.date(2029 - 4 * (count - i), 12, 31),
                    "teaser": "Periodens mål",
                    "intro": "<p>Indledning</p>",
                }
                for i in range(1, count + 1)
            ],
            [BASE - dt.timedelta(days=400 * (count - i)) for i in range(1, count + 1)],
        )
        themes = ["uddannelse_livschancer", "beskaeftigelse", "kriminalitetsforebyggelse", "sammenhaengskraft"]
        self.focus_areas = []
        for period in self.periods:
            self.focus_areas += self.tree.build(
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

    def housing_areas(self) -> None:
        count = self.spec.areas
        self.areas = self.tree.build(
            self.indexes["areas"],
            HousingAreaPage,
            [
                {
                    "title": f"Boligområde {i:03d}",
                    "slug": f"omraade-{i:03d}",
                    "local_status_label": "I risikozonen" if i % 4 == 0 else "",
                    "description": "<p>Et område</p>",
                    "_hideable": True,
                }
                for i in range(count)
            ],
            [BASE] * count,
        )

    def documents(self) -> None:
        """Every tenth document private, every tenth (another offset) in the private child collection."""
        documents = []
        for i in range(self.spec.documents):
            collection = self.public if i % 5 else (self.private if i % 10 == 0 else self.private_child)
            document = PlanDocument(
                title=f"Dokument {i:04d}",
                kind=DOCUMENT_KINDS[i % len(DOCUMENT_KINDS)],
                plan_period=self.periods[i % len(self.periods)],
                published_on=(BASE - dt.timedelta(days=3 * i)).date(),
                collection=collection,
                file_size=1000 + i,
            )
            document.file.name = "documents/bench.pdf"
            documents.append(document)
        if documents:  # one file, shared by all documents
            documents[0].file.save("bench.pdf", ContentFile(b"%PDF-1.4 bench\n"), save=False)
            for document in documents:
                document.file.name = documents[0].file.name
        self.document_rows = PlanDocument.objects.bulk_create(documents)

    def content_pages(self) -> None:
        pages = ContentPages(self)
        self.activities = pages.activities()
        self.news = pages.news()
        self.events = pages.events()
        self.collections = pages.collections()

    def relations(self) -> None:
        """Activities to focus areas, areas and target groups; news to periods; periods to areas."""
        activities, news = self.activities, self.news
        through = ActivityPage.focus_areas.through
        through.objects.bulk_create(
            through(activitypage_id=a.pk, focusareapage_id=self.focus_areas[i % len(self.focus_areas)].pk)
            for i, a in enumerate(activities)
        )
        through = ActivityPage.housing_areas.through
        through.objects.bulk_create(
            through(activitypage_id=a.pk, housingareapage_id=self.areas[i % len(self.areas)].pk)
            for i, a in enumerate(activities)
        )
        through = ActivityPage.target_groups.through
        through.objects.bulk_create(
            through(activitypage_id=a.pk, targetgroup_id=self.target_groups[i % 4].pk) for i, a in enumerate(activities)
        )
        through = NewsPage.plan_periods.through
        through.objects.bulk_create(
            through(newspage_id=n.pk, planperiodpage_id=self.periods[i % len(self.periods)].pk)
            for i, n in enumerate(news)
        )
        PlanPeriodHousingArea.objects.bulk_create(
            PlanPeriodHousingArea(page=period, housing_area=area, coverage="all" if j % 2 else "selected", sort_order=j)
            for period in self.periods
            for j, area in enumerate(self.areas[: min(len(self.areas), 12)])
        )
        AreaClassification.objects.bulk_create(
            AreaClassification(
                housing_area=area, list_date=dt.date(2020 + j, 12, 1), list_type="udsat", official_area_name=area.title
            )
            for area in self.areas
            for j in range(2)
        )
        documents = self.document_rows
        DocumentCollectionItem.objects.bulk_create(
            DocumentCollectionItem(page=page, document=documents[(i * 7 + j) % len(documents)], sort_order=j)
            for i, page in enumerate(self.collections)
            for j in range(5)
            if documents
        )

    def governance(self) -> None:
        """Per period: an approval, three funding lines, a board and a steering group of five."""
        periods, organisations = self.periods, self.organisations
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
                person=self.people[(i + j) % len(self.people)],
                role="medlem",
                represents=organisations[j % len(organisations)],
                sort_order=j,
            )
            for i, governing in enumerate(bodies)
            for j in range(5)
        )

    def revisions(self) -> None:
        """A revision per page (the jobs read live_revision_id), then the view restrictions."""
        all_pages = [
            self.home,
            *self.indexes.values(),
            *self.periods,
            *self.focus_areas,
            *self.areas,
            *self.activities,
            *self.news,
            *self.events,
            *self.collections,
        ]
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
        for page in self.tree.restricted:
            PageViewRestriction.objects.create(page=page, restriction_type="password", password="bench")

    def counts(self) -> dict[str, int]:
        return {
            "pages": Page.objects.filter(depth__gt=1).count(),
            "unpublished": Page.objects.filter(live=False).count(),
            "private": PageViewRestriction.objects.count(),
            "documents": PlanDocument.objects.count(),
            "private_documents": PlanDocument.objects.filter(collection__in=[self.private, self.private_child]).count(),
            "images": PlanImage.objects.count(),
            "news": len(self.news),
            "events": len(self.events),
        }
