"""The response cache over HTTP: ETags, Cache-Control and 304s for CDNs and browsers (see api/cache.py)."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import parse_etags

from .cache import Entry


def cache_control() -> str:
    max_age = getattr(settings, "GRAPHQL_CACHE_MAX_AGE", 0)
    if max_age > 0:
        return f"public, max-age={max_age}, stale-while-revalidate={max_age}"
    return "public, no-cache"


def not_modified(request, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    etags = parse_etags(header)
    return "*" in etags or etag in etags or etag in (e.removeprefix("W/") for e in etags)


def cacheable_response(request, entry: Entry, *, hit: bool) -> HttpResponse:
    """The answer for a cached or just stored entry: 304 when the client already has it."""
    response = (
        HttpResponseNotModified()
        if not_modified(request, entry.etag)
        else HttpResponse(entry.body, content_type="application/json")
    )
    response["ETag"] = entry.etag
    response["Cache-Control"] = cache_control()
    response["X-Cache"] = "HIT" if hit else "MISS"
    return response


def mark_no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response
