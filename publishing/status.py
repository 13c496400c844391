"""What the Facebook publisher will do with a page, in words an editor understands.

Read by the status panel, "Del nu" and the job's skip reasons. Kept apart from
`publishing.selectors` (which serves the API and imports its types) so that the admin
views and the job can import it without importing the GraphQL schema.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from pages.visibility import Visibility

from .models import SocialChannel, SocialPost, SocialPostState


def facebook_window_start(*, lookback_days: int) -> dt.datetime:
    """Pages first published before this are not posted by a scheduled run (FACEBOOK_LOOKBACK_DAYS)."""
    return timezone.now() - dt.timedelta(days=lookback_days)


def facebook_skip_reasons(*, page_ids: list[int | None], lookback_days: int) -> dict[int | None, str]:
    """Why each page is not among the candidates the CMS offers the job, in words an editor understands.

    Asked only for the pages a run skips (a handful), so one query for the pages and
    one for the restrictions cover them all.
    """
    pages = {page.pk: page for page in Page.objects.filter(pk__in=[pk for pk in page_ids if pk]).specific()}
    visibility = Visibility()
    window_start = facebook_window_start(lookback_days=lookback_days)
    reasons: dict[int | None, str] = {}
    for page_id in page_ids:
        page = pages.get(page_id)
        if page is None:
            reasons[page_id] = "siden er slettet"
        elif not page.live:
            reasons[page_id] = "siden er ikke udgivet"
        elif not visibility.is_page_visible(page):
            reasons[page_id] = "siden er ikke offentlig (privat, eller under en side der er privat eller ikke udgivet)"
        elif not getattr(page, "share_on_facebook", False):
            reasons[page_id] = "“Del på Facebook” er slået fra"
        elif page.first_published_at is None or page.first_published_at < window_start:
            first = timezone.localtime(page.first_published_at).strftime("%d.%m.%Y") if page.first_published_at else "?"
            reasons[page_id] = f"for gammel: først udgivet {first}, før de seneste {lookback_days} dage"
        else:
            reasons[page_id] = "ikke blandt de sider, CMS'et tilbød jobbet"
    return reasons


@dataclass(frozen=True)
class FacebookStatus:
    """What the editor's status panel says: a short label, an explanation, and whether "Del nu" is offered."""

    label: str
    explanation: str
    can_share_now: bool = False


def facebook_post_get(*, page_id: int) -> SocialPost | None:
    return SocialPost.objects.filter(page_id=page_id, channel=SocialChannel.FACEBOOK).first()


def facebook_status_for_page(*, page, post: SocialPost | None) -> FacebookStatus:
    """The honest state of a page on Facebook: posted, waiting, or why nothing will happen by itself."""
    configured = bool(settings.FACEBOOK_PAGE_ID and settings.FACEBOOK_PAGE_ACCESS_TOKEN)
    state = post.state if post else None
    if state == SocialPostState.POSTED:
        return FacebookStatus("Opslået", "Siden deles kun én gang: nye udgaver af siden sendes ikke igen.")
    if state in (SocialPostState.POSTING,):
        return FacebookStatus("Sendes nu", "Jobbet er ved at sende opslaget.")
    if not configured:
        return FacebookStatus(
            "Facebook er ikke sat op",
            "FACEBOOK_PAGE_ID og FACEBOOK_PAGE_ACCESS_TOKEN er ikke sat på serveren, så intet sendes til Facebook. "
            "Kontakt den, der driver CMS'et.",
        )
    if not page.live:
        return FacebookStatus(
            "Ikke udgivet", "Siden deles kort efter, at den er udgivet med “Del på Facebook” slået til."
        )
    if not getattr(page, "share_on_facebook", False):
        return FacebookStatus("Ikke markeret", "Slå “Del på Facebook” til og udgiv siden for at dele den.")
    if state == SocialPostState.FAILED:
        return FacebookStatus("Fejlet", "Opslaget kunne ikke sendes. Prøv igen med “Del nu”.", can_share_now=True)
    too_old = page.first_published_at is not None and page.first_published_at < facebook_window_start(
        lookback_days=settings.FACEBOOK_LOOKBACK_DAYS
    )
    if too_old:
        return FacebookStatus(
            "Ikke delt (for gammel)",
            f"Siden blev først udgivet for mere end {settings.FACEBOOK_LOOKBACK_DAYS} dage siden, "
            "så jobbet deler den ikke af sig selv. Vil du dele den alligevel, så tryk “Del nu”.",
            can_share_now=True,
        )
    if state == SocialPostState.SKIPPED:
        return FacebookStatus("Ikke opslået", "Jobbet delte ikke siden; årsagen står herunder.", can_share_now=True)
    return FacebookStatus("Venter", "Opslaget sendes ved jobbets næste kørsel.", can_share_now=True)
