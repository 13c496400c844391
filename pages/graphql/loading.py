"""The loaders that page fields use: one batch per field and level of a query (see `api.toolkit.loaders`).

Resolvers ask here instead of querying for their own object: `parent_of(info, page)`
loads the parents of every page listed with `page`. Root fields that return lists
call `api.toolkit.context.listed(info, items)` so that the items' fields are loaded
together; foreign keys to pages and media go through `api.toolkit.foreign`.
"""

from collections.abc import Callable

from django.db.models import Prefetch, QuerySet
from wagtail.models import Page

from api.toolkit.context import loaders_of, visibility_of
from api.toolkit.loaders import Loader, identity

from .. import relations
from . import lookahead


def _path(page) -> str:
    return page.path


def parent_of(info, page: Page) -> Page | None:
    if page.depth <= 2:
        return None
    visibility = visibility_of(info)
    loader = Loader("parent", _path, lambda pages: relations.parents_of(visibility=visibility, pages=pages), Page)
    return loaders_of(info).load(loader, page)


def children_of(info, page: Page, *, limit: int) -> list[Page]:
    visibility = visibility_of(info)
    loader = Loader(
        f"children:{limit}",
        _path,
        lambda pages: relations.children_of(visibility=visibility, pages=pages, limit=limit),
        Page,
    )
    return loaders_of(info).load(loader, page)


def ancestors_of(info, page: Page) -> list[Page]:
    visibility = visibility_of(info)
    loader = Loader("ancestors", _path, lambda pages: relations.ancestors_of(visibility=visibility, pages=pages), Page)
    return loaders_of(info).load(loader, page)


def focus_areas_of(info, period: Page) -> list:
    """A period's visible focus areas; the fields requested below them are loaded for the whole batch."""
    visibility = visibility_of(info)

    def batch(periods):
        answers = relations.focus_areas_of(visibility=visibility, periods=periods)
        lookahead.load_requested(info, _objects_of(answers), lookahead.FOCUS_AREAS)
        return answers

    return loaders_of(info).load(Loader("focus_areas", _path, batch), period)


def related(
    info,
    obj,
    name: str,
    queryset: QuerySet | Callable[[], QuerySet] | None = None,
    *,
    visible: Callable[[object], bool] | None = None,
    lookups: lookahead.Lookups | None = None,
) -> list:
    """`obj.<name>.all()` (through `queryset`, which carries the visibility rules), loaded for its whole group.

    `queryset` may be a function that builds it, called once per batch rather than once per row.

    With `lookups` (see `lookahead`), the relations and images the client requested
    below the field are loaded for every row of the batch at once, not per row.
    A draft shown in a preview holds its relations in memory (modelcluster): those are
    read from the object and checked with `visible`, never from the database.
    """
    if name in getattr(obj, "_cluster_related_objects", {}):
        items = [item for item in getattr(obj, name).all() if visible is None or visible(item)]
        return lookahead.load_requested(info, items, lookups) if lookups is not None else items

    def batch(objects):
        # Built here, once per batch: a queryset with the visibility rules costs about a
        # millisecond to build, which per row of a long list was most of a request's time.
        rows = queryset() if callable(queryset) else queryset
        relation = Prefetch(name, queryset=rows) if rows is not None else name
        answers = relations.related_of(objects=objects, relation=relation)
        if lookups is not None:
            lookahead.load_requested(info, _objects_of(answers), lookups)
        return answers

    loader = Loader(f"related:{type(obj).__name__}.{name}", identity, batch)
    return loaders_of(info).load(loader, obj)


def _objects_of(answers: list[list]) -> list:
    """The distinct objects of a batch's answers (one object may answer for several rows)."""
    return list({id(obj): obj for answer in answers for obj in answer}.values())


def collection_documents_of(info, page) -> list:
    from ..selectors import document_collections_documents

    visibility = visibility_of(info)
    loader = Loader(
        "collection_documents",
        identity,
        lambda pages: document_collections_documents(visibility=visibility, pages=pages),
    )
    return loaders_of(info).load(loader, page)


def current_plan_period_id(info) -> int | None:
    from ..selectors import current_plan_period_id as select

    visibility = visibility_of(info)
    return loaders_of(info).once("current_plan_period_id", lambda: select(visibility=visibility))
