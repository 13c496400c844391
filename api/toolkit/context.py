"""What resolvers share during one request: the site, the loaders and the visibility rules.

The visibility rules belong to the content (pages/visibility.py). The app that owns
them installs a factory with `visibility_factory_set` when its graphql package is
imported, which happens before the schema is built; the context calls it once per
request. So the toolkit, and every app below pages, reads the rules without importing pages.
"""

from collections.abc import Callable
from functools import cached_property
from typing import Any, Protocol

from wagtail.models import Page, Site

from .loaders import Loaders


class VisibilityRules(Protocol):
    """What the toolkit's own loaders ask of the visibility rules (pages.visibility.Visibility)."""

    def pages(self, queryset) -> Any: ...

    def is_page_visible(self, page: Page | None) -> bool: ...

    def is_media_visible(self, item) -> bool: ...


_visibility_factory: Callable[[], VisibilityRules] | None = None


def visibility_factory_set(factory: Callable[[], VisibilityRules]) -> None:
    global _visibility_factory
    _visibility_factory = factory


class RequestContext:
    def __init__(self, request):
        self.request = request
        self.loaders = Loaders()

    @cached_property
    def visibility(self) -> Any:
        if _visibility_factory is None:
            raise RuntimeError("No visibility rules installed: import the app that owns them (pages.graphql) first.")
        return _visibility_factory()

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


def visibility_of(info) -> Any:
    """The request's visibility rules: a pages.visibility.Visibility, created once per request."""
    return context_of(info).visibility


def loaders_of(info) -> Loaders:
    return context_of(info).loaders


def listed(info, objects) -> list:
    """The objects of a root list, grouped: their fields are loaded for all of them at once."""
    return loaders_of(info).group(objects)
