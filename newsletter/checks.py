"""Deployment checks: the one-click unsubscribe link must be HTTPS (RFC 8058 requires it)."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def unsubscribe_link_is_https(app_configs, **kwargs):
    if settings.NEWSLETTER_UNSUBSCRIBE_BASE_URL.startswith("https://"):
        return []
    return [
        checks.Warning(
            "NEWSLETTER_UNSUBSCRIBE_BASE_URL (default: WAGTAILADMIN_BASE_URL) is not an https:// URL; "
            "mail providers ignore one-click unsubscribe links that are not HTTPS.",
            id="newsletter.W001",
        )
    ]
