"""The content pages of the benchmark data set: activities, news, events, collections.

Each has a body of ten blocks that link to periods, focus areas, areas, documents and
images drawn from the data set's random generator, so the pages cost what real ones do
to resolve.
"""

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from wagtail.models import Page

from pages.models import ActivityPage, DocumentCollectionPage, EventPage, NewsPage

if TYPE_CHECKING:
    from bench.dataset import DataSet

BASE = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
DOCUMENT_KINDS = ["evaluering", "aarsrapport", "referat", "budget", "helhedsplan", "andet"]


class ContentPages:
    def __init__(self, data: "DataSet"):
        self.data = data

    def body(self, i: int) -> list[dict]:
        """10 blocks: heading, 2 paragraphs (page and document links), image, document, 3 page links, quote, video."""
        rng, documents, images = self.data.rng, self.data.document_rows, self.data.images
        visible_targets: list[Page] = [*self.data.periods, *self.data.focus_areas, *self.data.areas]
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

    def activities(self) -> list[Page]:
        count = self.data.spec.activities
        return self.data.tree.build(
            self.data.indexes["activities"],
            ActivityPage,
            [
                {
                    "title": f"Aktivitet {i:04d}",
                    "slug": f"aktivitet-{i:04d}",
                    "teaser": "Kort om aktiviteten",
                    "body": self.body(i),
                    "_hideable": True,
                }
                for i in range(count)
            ],
            [BASE] * count,
        )

    def news(self) -> list[Page]:
        count, images = self.data.spec.news, self.data.images
        return self.data.tree.build(
            self.data.indexes["news"],
            NewsPage,
            [
                {
                    "title": f"Nyhed {i:05d}",
                    "slug": f"nyhed-{i:05d}",
                    "teaser": f"Manchet til nyhed {i}",
                    "published_date": (BASE - dt.timedelta(hours=12 * i)).date(),
                    "share_on_facebook": i % 3 == 0,
                    "listing_image": images[i % len(images)] if images and i % 2 == 0 else None,
                    "body": self.body(i),
                    "_hideable": True,
                }
                for i in range(count)
            ],
            [BASE - dt.timedelta(hours=12 * i) for i in range(count)],
        )

    def events(self) -> list[Page]:
        count, places = self.data.spec.events, self.data.places
        return self.data.tree.build(
            self.data.indexes["events"],
            EventPage,
            [
                {
                    "title": f"Arrangement {i:05d}",
                    "slug": f"arrangement-{i:05d}",
                    "teaser": "Kom og vær med",
                    "starts_at": BASE + dt.timedelta(hours=6 * (i - count // 2)),
                    "place": places[i % len(places)] if places else None,
                    "share_on_facebook": i % 4 == 0,
                    "body": self.body(i),
                    "_hideable": True,
                }
                for i in range(count)
            ],
            [BASE - dt.timedelta(days=30) + dt.timedelta(hours=6 * i) for i in range(count)],
        )

    def collections(self) -> list[Page]:
        return self.data.tree.build(
            self.data.indexes["library"],
            DocumentCollectionPage,
            [
                {
                    "title": f"Samling {i:02d}",
                    "slug": f"samling-{i:02d}",
                    "auto_kind": DOCUMENT_KINDS[i % len(DOCUMENT_KINDS)],
                }
                for i in range(self.data.spec.collections)
            ],
            [BASE] * self.data.spec.collections,
        )
