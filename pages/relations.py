"""Reads for many objects at once: the tree around a list of pages, and relations of a list.

The API's loaders (`pages.graphql.loading`) call these with every object of a
level of a query, so each costs a fixed number of queries whatever the number of
objects. Each answers a list in the order of the objects it was given. Hidden
pages never come back: everything goes through the request's `Visibility`.
"""

from collections import defaultdict
from collections.abc import Sequence
from functools import reduce
from operator import or_

from django.db.models import F, Model, Prefetch, Q, Window
from django.db.models.functions import Length, RowNumber, Substr
from wagtail.models import Page

from .models import FocusAreaPage
from .visibility import Visibility

STEPLEN = Page.steplen
# Parents per query: a chain of OR'ed path prefixes longer than this would exceed
# SQLite's expression depth (1000) and make PostgreSQL's planner slow.
CHUNK = 200


def _chunks(items: Sequence, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _under(parents: Sequence[Page]) -> Q:
    return reduce(or_, (Q(path__startswith=parent.path, depth=parent.depth + 1) for parent in parents))


def parents_of(*, visibility: Visibility, pages: Sequence[Page]) -> list[Page | None]:
    """Each page's parent, or None for the site's home page and its root, or a hidden parent."""
    paths = {page.path[:-STEPLEN] for page in pages if page.depth > 2}
    if not paths:
        return [None] * len(pages)
    found = {page.path: page for page in visibility.pages(Page.objects.filter(path__in=sorted(paths))).specific()}
    return [found.get(page.path[:-STEPLEN]) if page.depth > 2 else None for page in pages]


def children_of(*, visibility: Visibility, pages: Sequence[Page], limit: int) -> list[list[Page]]:
    """The first `limit` visible children of each page, in the editors' order (the tree's path order)."""
    if limit <= 0:
        return [[] for _ in pages]
    parent_path = Substr("path", 1, Length("path") - STEPLEN)
    by_parent: dict[str, list[Page]] = defaultdict(list)
    distinct = list({page.path: page for page in pages}.values())
    for chunk in _chunks(distinct):
        # Numbered per parent before the limit is applied, so each parent gets its own `limit`.
        numbered = (
            visibility.pages(Page.objects.filter(_under(chunk)))
            .annotate(position=Window(RowNumber(), partition_by=[parent_path], order_by=F("path").asc()))
            .filter(position__lte=limit)
            .order_by("path")
        )
        for child in numbered.specific():
            by_parent[child.path[:-STEPLEN]].append(child)
    return [list(by_parent.get(page.path, ())) for page in pages]


def ancestors_of(*, visibility: Visibility, pages: Sequence[Page]) -> list[list[Page]]:
    """Each page's visible ancestors below the tree's root, the home page first."""

    def prefixes(page: Page) -> list[str]:
        return [page.path[: STEPLEN * depth] for depth in range(2, page.depth)]

    wanted = sorted({prefix for page in pages for prefix in prefixes(page)})
    found = {}
    if wanted:
        found = {page.path: page for page in visibility.pages(Page.objects.filter(path__in=wanted)).specific()}
    return [[found[prefix] for prefix in prefixes(page) if prefix in found] for page in pages]


def focus_areas_of(*, visibility: Visibility, periods: Sequence[Page]) -> list[list[FocusAreaPage]]:
    """Each plan period's visible focus areas, in the editors' order."""
    by_parent: dict[str, list[FocusAreaPage]] = defaultdict(list)
    distinct = list({period.path: period for period in periods}.values())
    for chunk in _chunks(distinct):
        for focus_area in visibility.pages(FocusAreaPage.objects.filter(_under(chunk))).order_by("path"):
            by_parent[focus_area.path[: -FocusAreaPage.steplen]].append(focus_area)
    return [list(by_parent.get(period.path, ())) for period in periods]


def related_of(*, objects: Sequence[Model], relation: str | Prefetch) -> list[list]:
    """Each object's related rows through Django's prefetching: one query per relation for all objects.

    The caller's `Prefetch` queryset carries the visibility rules. Objects that already
    hold this relation (prefetched by a selector) are not queried again.
    """
    from django.db.models import prefetch_related_objects

    name = relation.prefetch_to if isinstance(relation, Prefetch) else relation
    prefetch_related_objects(list(objects), relation)
    return [_prefetched(obj, name) for obj in objects]


def _prefetched(obj: Model, name: str) -> list:
    """The rows just prefetched for `obj`, read from Django's prefetch cache.

    `getattr(obj, name).all()` answers the same, but builds a related manager and a
    queryset per object first (modelcluster's managers too): a millisecond or two
    for a list of a hundred rows.
    """
    rows = getattr(obj, "_prefetched_objects_cache", {}).get(name)
    return list(rows) if rows is not None else list(getattr(obj, name).all())
