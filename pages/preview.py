"""Preview tokens: how an editor shows a draft on the frontend without making it public.

A token names one saved revision of one page and is signed with SECRET_KEY, so
it opens that draft and nothing else. It expires after at most an hour: anyone
holding the link can read the draft, and a link pasted into a chat should not
keep working for days (grapple's preview tokens never expire; why we do not use
grapple: docs/decisions/0001-hand-written-schema-not-grapple.md).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from wagtail.models import Page, Revision

SALT = "pages.preview"
MAX_AGE_CEILING = 3600


class PreviewError(Exception):
    """A token that cannot be used. The message is Danish and safe to show anyone."""


@dataclass(frozen=True)
class PreviewGrant:
    page_id: int
    revision_id: int


def preview_max_age() -> int:
    return min(int(getattr(settings, "PREVIEW_TOKEN_MAX_AGE", MAX_AGE_CEILING)), MAX_AGE_CEILING)


def preview_token_create(*, revision: Revision) -> str:
    return signing.dumps({"p": int(revision.object_id), "r": revision.pk}, salt=SALT, compress=True)


def preview_token_read(*, token: str) -> PreviewGrant:
    try:
        data = signing.loads(token, salt=SALT, max_age=preview_max_age())
    except signing.SignatureExpired as error:
        raise PreviewError(
            "Linket til forhåndsvisningen er udløbet. Åbn forhåndsvisningen igen fra redigeringen."
        ) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise PreviewError("Linket til forhåndsvisningen er ugyldigt.") from error
    try:
        return PreviewGrant(page_id=int(data["p"]), revision_id=int(data["r"]))
    except (KeyError, TypeError, ValueError) as error:
        raise PreviewError("Linket til forhåndsvisningen er ugyldigt.") from error


def preview_page_get(*, token: str) -> Page:
    """The page as it is in the token's revision, or PreviewError."""
    grant = preview_token_read(token=token)
    revision = (
        Revision.objects.page_revisions()
        .filter(pk=grant.revision_id, object_id=str(grant.page_id))
        .select_related("content_type")
        .first()
    )
    if revision is None:
        raise PreviewError("Kladden findes ikke længere. Åbn forhåndsvisningen igen fra redigeringen.")
    return revision.as_object()


def preview_url(*, page: Page) -> str:
    """The frontend address that shows the page's newest revision, with a fresh token."""
    revision = page.latest_revision or page.save_revision()
    return f"{settings.FRONTEND_PREVIEW_URL}?{urlencode({'token': preview_token_create(revision=revision)})}"
