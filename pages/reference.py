"""The CMS's own rendering of a page: plain, accessible Danish HTML made from the API's answer.

Editors preview drafts in Wagtail's side-by-side panel without a frontend, and "Vis
live" shows the public page when the frontend is not there. Both run the same
GraphQL selection through the schema that the frontend uses, so the rendering shows
exactly what the API returns: a draft through `previewPage` (with the in-memory
draft from the editor form as the preview object), the live page through
`page(urlPath:)` as an anonymous caller, so hidden content never shows there.
"""

import copy
import logging

import httpx
from django.conf import settings
from django.core.cache import cache
from django.template.response import TemplateResponse
from graphene_django.settings import graphene_settings

logger = logging.getLogger(__name__)

FRONTEND_CHECK_TIMEOUT = 0.5  # seconds; a public request waits at most this long, once per cache period
FRONTEND_CHECK_CACHE_SECONDS = 30
FRONTEND_CHECK_CACHE_KEY = "pages.reference.frontend_answers"

SELECTION = """
fragment ReferenceImage on Image { altText credit rendition(name: HERO) { url width height } }
fragment ReferenceDocument on Document { title url fileExtension fileSize kindLabel }
fragment ReferenceBody on StreamBlockInterface {
  blockType
  ... on HeadingBlock { text level }
  ... on ParagraphBlock { html }
  ... on ImageBlock { caption altText image { ...ReferenceImage } }
  ... on DocumentBlock { label document { ...ReferenceDocument } }
  ... on QuoteBlock { quote attribution }
  ... on VideoBlock { url title }
  ... on PageLinkBlock { label urlPath }
}
fragment ReferencePage on PageInterface {
  __typename
  title
  seoTitle
  searchDescription
  lastPublishedAt
  ... on GenericPage { intro }
  ... on NewsPage { publishedDate teaser image { ...ReferenceImage } body { ...ReferenceBody } }
  ... on EventPage {
    startsAt endsAt allDay isCancelled cancellationReason teaser placeNote price registrationUrl
    image { ...ReferenceImage } body { ...ReferenceBody }
  }
  ... on ActivityPage { teaser schedule price body { ...ReferenceBody } }
  ... on FocusAreaPage { summary body { ...ReferenceBody } }
  ... on HousingAreaPage { teaser description localStatusLabel body { ...ReferenceBody } }
  ... on PlanPeriodPage { motto teaser intro startDate endDate body { ...ReferenceBody } documents { ...ReferenceDocument } }
  ... on DocumentCollectionPage { intro documents { ...ReferenceDocument } }
}
query ReferenceLive($path: String!) { page(urlPath: $path) { ...ReferencePage } }
query ReferencePreview($token: String!) { previewPage(token: $token) { ...ReferencePage } }
"""


def _schema():
    # Read when used: the schema is assembled from every app's types, these included.
    return graphene_settings.SCHEMA


def _execute(*, request, operation: str, variables: dict, preview_object=None) -> tuple[dict | None, list[str]]:
    context = copy.copy(request)
    context.method = "POST"  # previewPage answers POST only; this request never leaves the process
    context.__dict__.pop("_api_context", None)
    if preview_object is not None:
        context.reference_preview_page = preview_object
    result = _schema().execute(SELECTION, variables=variables, operation_name=operation, context_value=context)
    errors = [str(error.message) for error in result.errors or []]
    if errors:
        logger.warning("Referencevisningen fik fejl fra API'et: %s", errors)
    return result.data, errors


def reference_response(*, request, page, preview: bool) -> TemplateResponse:
    """The page as the API returns it: the draft in `page` (preview) or the public live page."""
    if preview:
        data, errors = _execute(
            request=request, operation="ReferencePreview", variables={"token": "-"}, preview_object=page
        )
        content = (data or {}).get("previewPage")
    else:
        data, errors = _execute(request=request, operation="ReferenceLive", variables={"path": request.path})
        content = (data or {}).get("page")
    response = TemplateResponse(
        request,
        "pages/reference/page.html",
        {
            "content": content,
            "errors": errors,
            "preview": preview,
            "frontend_base_url": settings.FRONTEND_BASE_URL,
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
        status=200 if content or preview else 404,
    )
    # A draft must never be cached by a proxy; the live rendering is cached like other pages.
    response["Cache-Control"] = "private, no-store" if preview else "public, max-age=60"
    return response


def frontend_answers() -> bool:
    """Whether FRONTEND_BASE_URL is set and answers, checked at most every 30 seconds with a short timeout.

    Any answer counts (even an error page): the frontend is there and handles the path.
    """
    base = settings.FRONTEND_BASE_URL
    if not base:
        return False
    cached = cache.get(FRONTEND_CHECK_CACHE_KEY)
    if cached is not None and cached[0] == base:
        return cached[1]
    try:
        httpx.head(base + "/", timeout=FRONTEND_CHECK_TIMEOUT, follow_redirects=False)
        answers = True
    except httpx.HTTPError:
        answers = False
    cache.set(FRONTEND_CHECK_CACHE_KEY, (base, answers), FRONTEND_CHECK_CACHE_SECONDS)
    return answers
