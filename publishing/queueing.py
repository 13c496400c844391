"""Putting pages in line for the Facebook publisher: on publish, on "Del nu" and on "Prøv igen", then waking the worker.

The job itself (claims, posting, reconciling with the feed) is in `publishing.services`.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .models import SocialChannel, SocialPost, SocialPostState

logger = logging.getLogger(__name__)


def facebook_post_queue(*, page: Page) -> SocialPost | None:
    """Record that a just-published page is due on Facebook, and wake the worker once the publish commits.

    Runs inside Wagtail's publish transaction, so the ledger row exists exactly when the
    publish does (an outbox). An existing row is left as it is: a page posted once is
    not posted again when it is edited and republished.
    """
    if not getattr(page, "share_on_facebook", False):
        return None
    post, _ = SocialPost.objects.get_or_create(
        page=page, channel=SocialChannel.FACEBOOK, defaults={"page_title": page.title}
    )
    if settings.FACEBOOK_PUBLISH_ON_PAGE_PUBLISH and post.state in (SocialPostState.WAITING, SocialPostState.SKIPPED):
        transaction.on_commit(_run_enqueue, robust=True)
    return post


def social_post_retry(*, post: SocialPost) -> bool:
    """Put a failed post back in line; the next run posts it (after checking the feed if needed)."""
    updated = SocialPost.objects.filter(pk=post.pk, state=SocialPostState.FAILED).update(
        state=SocialPostState.WAITING, last_error="", updated_at=timezone.now()
    )
    if updated and settings.FACEBOOK_PUBLISH_ON_PAGE_PUBLISH:
        transaction.on_commit(_run_enqueue, robust=True)
    return bool(updated)


class ShareNowRefused(Exception):
    """Why "Del nu" cannot share the page; the message is Danish and shown to the editor."""


def facebook_share_now(*, page: Page) -> SocialPost:
    """Queue a run for this page alone, even if it is older than the look-back window.

    The row is put (back) in line first, in the request's transaction; the run is queued
    once that commits, so the worker finds the row waiting.
    """
    if not (settings.FACEBOOK_PAGE_ID and settings.FACEBOOK_PAGE_ACCESS_TOKEN):
        raise ShareNowRefused("Facebook er ikke sat op på serveren, så intet kan deles.")
    if not page.live or not getattr(page, "share_on_facebook", False):
        raise ShareNowRefused("Siden skal være udgivet med “Del på Facebook” slået til, før den kan deles.")
    post, _ = SocialPost.objects.get_or_create(
        page=page, channel=SocialChannel.FACEBOOK, defaults={"page_title": page.title}
    )
    if post.state in (SocialPostState.POSTED, SocialPostState.POSTING):
        raise ShareNowRefused("Siden er allerede delt (eller ved at blive det) på Facebook.")
    SocialPost.objects.filter(pk=post.pk, state__in=[post.state]).update(
        state=SocialPostState.WAITING, last_error="", updated_at=timezone.now()
    )
    page_id = page.pk
    transaction.on_commit(lambda: _run_enqueue(page_id=page_id), robust=True)
    return post


def _run_enqueue(page_id: int | None = None) -> None:
    """Wake the worker. The publish has committed by now, so a queue that is down must not fail the editor's request:
    the row waits, and the next scheduled run posts it."""
    from .tasks import facebook_publish_task

    try:
        facebook_publish_task.enqueue(page_id=page_id)
    except Exception:
        logger.exception("Facebook: kørslen kunne ikke sættes i kø; opslaget sendes ved næste planlagte kørsel.")
