"""The loaders that page fields use: one batch per field and level of a query (see `api.loaders`).

Resolvers ask here instead of querying for their own object: `parent_of(info, page)`
loads the parents of every page listed with `page`. Root fields that return lists
call `listed(info, items)` so that the items' fields are loaded together.
"""

from collections.abc import Callable, Iterable

from django.db.models import Prefetch, QuerySet
from wagtail.models import Page

from api.loaders import Loader, Loaders, identity

from .. import relations
from . import lookahead
from .base import context_of, visibility_of


def loaders_of(info) -> Loaders:
    return context_of(info).loaders


def listed(info, objects: Iterable) -> list:
    """The objects of a root list, grouped: their fields are loaded for all of them at once."""
    return loaders_of(info).group(objects)


def _path(page) -> str:
    return page.path


def parent_of(info, page: Page) -> Page | None:
    if page.depth <= 2:
        return None
    visibility = visibility_of(info)
    loader = Loader("parent", _path, lambda pages: relations.parents_of(visibility=visibility, pages=pages), Page)
    return loaders_of(info).load(loader, page)


def children_of(info, page: Page, *, limit: int) -> list[Page]:
    if limit <= 0:
        return []
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


def foreign_page(info, obj, field: str) -> Page | None:
    """A foreign key to a page (`obj.<field>`), visible or None, loaded for `obj`'s whole group.

    Rows whose selector joined the page already cost nothing; the others are loaded
    together. The answers form a group, so fields of those pages are batched too.
    """
    visibility = visibility_of(info)
    model_field = type(obj)._meta.get_field(field)

    def batch(objects):
        missing = {getattr(o, model_field.attname) for o in objects if not model_field.is_cached(o)} - {None}
        loaded = {}
        if missing:
            loaded = {
                page.pk: page for page in visibility.pages(model_field.related_model.objects.filter(pk__in=missing))
            }
        answers = []
        for o in objects:
            page = getattr(o, field) if model_field.is_cached(o) else loaded.get(getattr(o, model_field.attname))
            answers.append(page if visibility.is_page_visible(page) else None)
        return answers

    return loaders_of(info).load(Loader(f"foreign:{type(obj).__name__}.{field}", identity, batch), obj)


def foreign_media(info, obj, field: str):
    """A foreign key to a document or image (`obj.<field>`), visible or None, loaded for `obj`'s whole group."""
    visibility = visibility_of(info)
    model_field = type(obj)._meta.get_field(field)

    def batch(objects):
        ids = {getattr(o, model_field.attname) for o in objects if not model_field.is_cached(o)} - {None}
        loaded = model_field.related_model.objects.in_bulk(ids) if ids else {}
        answers = []
        for o in objects:
            item = getattr(o, field) if model_field.is_cached(o) else loaded.get(getattr(o, model_field.attname))
            answers.append(item if visibility.is_media_visible(item) else None)
        return answers

    return loaders_of(info).load(Loader(f"foreign:{type(obj).__name__}.{field}", identity, batch), obj)


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
