"""Absolute URLs of media files, for clients on other hosts: the API, newsletters, Facebook posts."""

from django.conf import settings


def absolute_url(url: str) -> str:
    """A file's URL with a host: object storage gives absolute URLs already, local files get the CMS's base URL."""
    return url if url.startswith(("http://", "https://")) else settings.WAGTAILADMIN_BASE_URL + url
