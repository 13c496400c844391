"""Stream-field bodies of a list of pages, loaded for the whole list at once.

A page's body is read lazily by Wagtail: the column itself when a selector
deferred it, then one query per chooser kind (pages, documents, images) when
the stream is first read, then one per chosen page for its specific type, and
rich-text links per paragraph. For a list of pages that is a few queries per
item. Here the batch of one loader does each of those steps once for every
body of the list: the columns in one query, the streams converted together
with Wagtail's `StreamBlock.bulk_to_python`, the chosen pages' specific types
in one query per type, and every rich-text link target in two queries.
"""

from django.db.models import Model
from wagtail.blocks import StreamValue
from wagtail.models import Page

from api.toolkit.context import context_of, loaders_of
from api.toolkit.fields import requested_fields
from api.toolkit.loaders import Loader, identity

from ..richtext import link_ids, link_targets_load
from .base import link_targets_of
from .blocks import BlockRoot, stream_blocks


def body_of(info, page: Model, field: str = "body") -> list[BlockRoot]:
    """The page's stream field `field` as blocks, loaded with the other pages of its list."""
    loader = Loader(f"body:{type(page).__name__}.{field}", identity, lambda pages: _bodies(info, pages, field))
    return loaders_of(info).load(loader, page)


def _bodies(info, pages: list, field: str) -> list[list[BlockRoot]]:
    _deferred_load(pages, field)
    streams = _converted([getattr(page, field) for page in pages])
    requested = requested_fields(info)  # the blocks' fields, over every block type asked for
    if "page" in requested:
        _specific_pages_set(streams)
    if "html" in requested:
        html = [child.value.source for stream in streams for child in stream if hasattr(child.value, "source")]
        link_targets_load(link_targets_of(info), link_ids(html), visibility=context_of(info).visibility)
    return [stream_blocks(stream) for stream in streams]


def _deferred_load(pages: list, field: str) -> None:
    """The column of the pages whose selector deferred it, in one query (a list never needs bodies)."""
    missing = [page for page in pages if field in page.get_deferred_fields()]
    if not missing:
        return
    model = type(missing[0])
    loaded = dict(model.objects.filter(pk__in=[page.pk for page in missing]).values_list("pk", field))
    for page in missing:
        setattr(page, field, loaded.get(page.pk))


def _converted(values: list) -> list[StreamValue]:
    """Lazy streams converted together: one query per chooser kind for all of them."""
    lazy = [i for i, value in enumerate(values) if isinstance(value, StreamValue) and value.is_lazy]
    out = list(values)
    if lazy:
        block = values[lazy[0]].stream_block
        converted = block.bulk_to_python([list(values[i].raw_data) for i in lazy])
        for i, stream in zip(lazy, converted, strict=True):
            out[i] = stream
    return [value if isinstance(value, StreamValue) else [] for value in out]


def _specific_pages_set(streams: list) -> None:
    """Chosen pages as their specific type, one query per type for the whole list."""
    chosen = [
        child.value
        for stream in streams
        for child in stream
        if isinstance(child.value, dict) and isinstance(child.value.get("page"), Page)
    ]
    if not chosen:
        return
    specific = {page.pk: page for page in Page.objects.filter(pk__in={v["page"].pk for v in chosen}).specific()}
    for value in chosen:
        value["page"] = specific.get(value["page"].pk, value["page"])
