"""Pages added in bulk under a parent, with the treebeard paths computed here.

`add_child` + `save_revision().publish()` takes minutes for 20,000 pages; this writes one
INSERT per batch and table and fills in what the API reads as Wagtail would: paths,
url_path, live state and first/last publication.
"""

import datetime as dt
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Locale, Page

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
BATCH = 1000


def _step(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
        if number == 0:
            return digits.rjust(STEPLEN, "0")


def hidden_kind(index: int) -> str | None:
    """Of every 20 content pages, one is unpublished and another is private: 5 % each."""
    if index % 20 == 7:
        return "unpublished"
    if index % 20 == 17:
        return "private"
    return None


class Tree:
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
