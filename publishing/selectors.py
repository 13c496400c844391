"""Reads for the publishing jobs, served to them through the GraphQL API."""

import datetime as dt
from itertools import chain

from django.conf import settings

from documents.links import absolute_url
from documents.renditions import RENDITIONS
from pages.models import EventPage, NewsPage
from pages.richtext import frontend_path
from pages.visibility import Visibility

from .models import SocialChannel, SocialPost

FACEBOOK_SPEC = RENDITIONS["FACEBOOK"][0]


def facebook_message(page) -> str:
    """The editor's Facebook text, or the title and teaser."""
    if page.facebook_text.strip():
        return page.facebook_text.strip()
    return f"{page.title}\n\n{page.teaser}".strip()


def facebook_candidate_list(
    *, visibility: Visibility, site_root_path: str, published_since: dt.datetime, limit: int
) -> list[dict]:
    """Live, public news and events marked "Del på Facebook", first published since the given time, oldest first."""
    rows = []
    for model in (NewsPage, EventPage):
        queryset = (
            visibility.pages(model.objects.filter(share_on_facebook=True, first_published_at__gte=published_since))
            .select_related("listing_image__collection")
            .prefetch_related("listing_image__renditions")
            .defer_streamfields()
            .order_by("first_published_at", "pk")[:limit]
        )
        rows.append(queryset)
    pages = sorted(chain(*rows), key=lambda page: (page.first_published_at, page.pk))[:limit]
    candidates = []
    for page in pages:
        image = page.listing_image
        image_url = None
        if image is not None and visibility.is_media_visible(image):
            image_url = absolute_url(image.get_rendition(FACEBOOK_SPEC).url)
        candidates.append(
            {
                "page_id": page.pk,
                "revision_id": page.live_revision_id,
                "title": page.title,
                "message": facebook_message(page),
                "link": settings.FRONTEND_BASE_URL + frontend_path(page, site_root_path),
                "image_url": image_url,
                "first_published_at": page.first_published_at,
            }
        )
    return candidates


def facebook_post_for_page(*, page_id: int):
    """The page's ledger row for Facebook, or None if it has never been due."""
    return SocialPost.objects.filter(page_id=page_id, channel=SocialChannel.FACEBOOK).first()
