"""Shared pieces of the schema: per-request context, enums from choices, pagination."""

from functools import cached_property

import graphene
from django.conf import settings
from django.db.models import TextChoices
from wagtail.models import Site

from ..richtext import frontend_path, rich_text_html
from ..visibility import Visibility

MAX_PER_PAGE = 100
MAX_LIST_LIMIT = 100


class RequestContext:
    """What resolvers share during one request: visibility rules and the site."""

    def __init__(self, request):
        self.request = request
        self.visibility = Visibility()

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
    return rich_text_html(html, visibility=context.visibility, site_root_path=context.site_root_path)


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


def paginate(queryset, *, page: int, per_page: int) -> dict:
    """One COUNT and one slice: the cost does not depend on the size of the list."""
    total = queryset.count()
    total_pages = max(1, -(-total // per_page))
    offset = (page - 1) * per_page
    items = list(queryset[offset : offset + per_page]) if offset < total else []
    return {
        "items": items,
        "pagination": Pagination(
            total=total,
            total_pages=total_pages,
            current_page=page,
            per_page=per_page,
            has_next_page=page < total_pages,
            has_previous_page=page > 1,
        ),
    }
