"""Shared pieces of the schema: per-request context, enums from choices, pagination."""

from functools import cached_property

import graphene
from django.conf import settings
from django.db.models import TextChoices
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode
from wagtail.models import Site

from api.loaders import Loaders

from ..richtext import frontend_path, rich_text_html
from ..visibility import Visibility

MAX_PER_PAGE = 100
MAX_LIST_LIMIT = 100


class RequestContext:
    """What resolvers share during one request: visibility rules, the site and the loaders."""

    def __init__(self, request):
        self.request = request
        self.visibility = Visibility()
        self.loaders = Loaders()

    @cached_property
    def site(self) -> Site | None:
        site = Site.find_for_request(self.request) if self.request is not None else None
        return site or Site.objects.select_related("root_page").filter(is_default_site=True).first()

    @cached_property
    def site_root_path(self) -> str:
        return self.site.root_page.url_path if self.site else "/"


def context_of(info) -> RequestContext:
    request = info.context
    context = getattr(request, "_api_context", None)
    if context is None:
        context = RequestContext(request)
        request._api_context = context
    return context


def visibility_of(info) -> Visibility:
    return context_of(info).visibility


def url_path_of(info, page) -> str:
    return frontend_path(page, context_of(info).site_root_path)


def frontend_url_of(info, page) -> str:
    return settings.FRONTEND_BASE_URL + url_path_of(info, page)


def html_of(info, html: str) -> str:
    context = context_of(info)
    return rich_text_html(
        html, visibility=context.visibility, site_root_path=context.site_root_path, targets=link_targets_of(info)
    )


def link_targets_of(info) -> dict:
    """Rich-text link targets found so far in this request, shared by every text of the answer."""
    return context_of(info).loaders.once("rich_text_link_targets", dict)


def requested_fields(info, *path: str) -> frozenset[str]:
    """Names of the fields requested below the current one (or below `path` within it), fragments followed.

    Lets a resolver prefetch only the relations the client asked for.
    """

    def children(selection_sets) -> dict[str, list]:
        found: dict[str, list] = {}
        pending = list(selection_sets)
        while pending:
            selection_set = pending.pop()
            for selection in selection_set.selections:
                if isinstance(selection, FieldNode):
                    found.setdefault(selection.name.value, [])
                    if selection.selection_set is not None:
                        found[selection.name.value].append(selection.selection_set)
                elif isinstance(selection, InlineFragmentNode):
                    pending.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode) and selection.name.value in info.fragments:
                    pending.append(info.fragments[selection.name.value].selection_set)
        return found

    level = children(node.selection_set for node in info.field_nodes if node.selection_set is not None)
    for name in path:
        level = children(level.get(name, []))
    return frozenset(level)


def enum_from_choices(name: str, choices: type[TextChoices], description: str = "") -> type[graphene.Enum]:
    """A GraphQL enum whose names are the choice members' names and whose values are stored values."""
    return graphene.Enum(name, [(member.name, member.value) for member in choices], description=description)


class Pagination(graphene.ObjectType):
    total = graphene.Int(required=True, description="Number of items across all pages.")
    total_pages = graphene.Int(required=True)
    current_page = graphene.Int(required=True)
    per_page = graphene.Int(required=True)
    has_next_page = graphene.Boolean(required=True)
    has_previous_page = graphene.Boolean(required=True)


class LazyPagination:
    """Pagination whose COUNT runs only when a client asks for a total."""

    def __init__(self, queryset, *, page: int, per_page: int):
        self._queryset, self.current_page, self.per_page = queryset, page, per_page

    @cached_property
    def total(self) -> int:
        return self._queryset.count()

    @property
    def total_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next_page(self) -> bool:
        return self.current_page < self.total_pages

    @property
    def has_previous_page(self) -> bool:
        return self.current_page > 1


def paginate(queryset, *, page: int, per_page: int) -> dict:
    """One slice, and one COUNT if the client reads the totals: the cost does not depend on the list's length."""
    offset = (page - 1) * per_page
    return {
        "items": list(queryset[offset : offset + per_page]),
        "pagination": LazyPagination(queryset, page=page, per_page=per_page),
    }
