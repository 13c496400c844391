"""A deterministic benchmark data set: the same pages, titles and relations on every run.

Pages are written in bulk (treebeard paths computed here, one INSERT per batch and
table) because `add_child` + `save_revision().publish()` takes minutes for 20,000
pages. What the API reads is filled in as Wagtail would: paths, url_path, live
state, a live revision per page, view restrictions, search-free.

Every 20th page of each type is unpublished and every 20th (another offset) has a
view restriction; 20 % of the documents sit in a private collection, half of those
in a child collection of it. Dates are fixed, not relative to today.
"""

import random
from dataclasses import dataclass

from django.db import connection, transaction

from bench.dataset import DataSet

SEED = 20_240_601


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


def generate(*, size: str, stdout=None) -> dict[str, int]:
    """Replace the site's content with the data set of `size`; return the counts."""
    spec = SIZES[size]
    rng = random.Random(SEED)
    with transaction.atomic():
        counts = DataSet(spec, rng).build()
    from api.cache_generation import bump_generation

    bump_generation()  # bulk writes send no signals
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # As autovacuum would in production: planner statistics and the visibility map
        # (index-only scans) for the freshly loaded tables; without them the benchmark
        # measures plans for empty tables.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return counts
