"""Foreign keys to pages, documents and images, visible or None, loaded for a whole group at once.

Any app's type may point at a page or a chosen image; these loaders apply the request's
visibility rules (`context.visibility_of`) without the app importing the app that owns them.
"""

from wagtail.models import Page

from .context import loaders_of, visibility_of
from .loaders import Loader, identity


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
