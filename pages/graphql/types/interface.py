"""The interface every page type implements, and the type for pages without fields of their own.

Every field is listed by hand: nothing of Wagtail's draft or owner metadata exists in the
schema, and every relation goes through the visibility rules."""

import graphene

from api.toolkit.sizes import MAX_LIST_LIMIT, size_check

from ..base import frontend_url_of, html_of, url_path_of
from ..bodies import body_of
from ..loading import ancestors_of, children_of, parent_of
from .registry import page_type_of


class PageInterface(graphene.Interface):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    url_path = graphene.String(required=True, description="Path on the public website, e.g. /nyheder/x/.")
    url = graphene.String(required=True, description="Absolute URL on the public website.")
    seo_title = graphene.String(required=True)
    search_description = graphene.String(required=True)
    first_published_at = graphene.DateTime()
    last_published_at = graphene.DateTime()
    parent = graphene.Field(lambda: PageInterface, description="The parent page, or null when it is not public.")
    children = graphene.List(
        graphene.NonNull(lambda: PageInterface), required=True, limit=graphene.Int(default_value=MAX_LIST_LIMIT)
    )
    ancestors = graphene.List(graphene.NonNull(lambda: PageInterface), required=True)

    @classmethod
    def resolve_type(cls, instance, info):
        return page_type_of(instance, GenericPage)

    def resolve_url_path(root, info):
        return url_path_of(info, root)

    def resolve_url(root, info):
        return frontend_url_of(info, root)

    # Loaded for every page of the same list at once: the cost of a nested tree query
    # does not grow with the lengths of its lists (see pages.graphql.loading).
    def resolve_parent(root, info):
        return parent_of(info, root)

    def resolve_children(root, info, limit):
        size_check("limit", limit, maximum=MAX_LIST_LIMIT)
        return children_of(info, root, limit=limit)

    def resolve_ancestors(root, info):
        return ancestors_of(info, root)


def _body(root, info):
    return body_of(info, root)


class GenericPage(graphene.ObjectType):
    """Index pages and the home page: a title, an intro and children."""

    intro = graphene.String(required=True)

    class Meta:
        name = "GenericPage"
        interfaces = (PageInterface,)

    def resolve_intro(root, info):
        return html_of(info, getattr(root, "intro", "") or getattr(root, "hero_intro", ""))
