"""Rate limits for subscribing, per client address and per e-mail address (django-ratelimit, in the cache).

The client address is REMOTE_ADDR unless RATELIMIT_IP_META_KEY names a header
that the reverse proxy in front of the CMS sets and overwrites (e.g.
HTTP_X_REAL_IP). Behind a proxy without that setting every caller shares the
proxy's address, and the per-address limit becomes one limit for everybody.
The e-mail address is hashed into the cache key (django-ratelimit hashes keys).
"""

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

RATE_LIMITED = "Der er sendt for mange tilmeldinger på kort tid. Vent lidt, og prøv igen senere."


def subscribe_is_rate_limited(*, request: HttpRequest, email: str | None) -> bool:
    """Count this attempt; True when the client or the address has used up its allowance."""
    by_ip = is_ratelimited(
        request, group="newsletter.subscribe.ip", key="ip", rate=settings.NEWSLETTER_RATE_PER_IP, increment=True
    )
    if by_ip or email is None:
        return by_ip
    return is_ratelimited(
        request,
        group="newsletter.subscribe.email",
        key=lambda _group, _request: email,
        rate=settings.NEWSLETTER_RATE_PER_EMAIL,
        increment=True,
    )
