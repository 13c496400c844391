"""Rate limits for subscribing, per client address and per e-mail address (django-ratelimit, in the cache).

The client address is REMOTE_ADDR unless RATELIMIT_IP_META_KEY names a header
that the reverse proxy in front of the CMS sets and overwrites (e.g.
HTTP_X_REAL_IP). Behind a proxy without that setting every caller shares the
proxy's address, and the per-address limit becomes one limit for everybody.
The e-mail address is hashed into the cache key (django-ratelimit hashes keys).

Fails open: when the cache cannot count (Redis down or hung, see api/circuit.py),
the attempt is allowed and a warning is logged. django-ratelimit's own default
is to refuse, which turned a cache outage into "too many signups" for everybody;
the limit guards against floods, and the confirmation mail (double opt-in)
still protects the address owner while the cache is away.
"""

import logging

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

RATE_LIMITED = "Der er sendt for mange tilmeldinger på kort tid. Vent lidt, og prøv igen senere."


def subscribe_is_rate_limited(*, request: HttpRequest, email: str | None) -> bool:
    """Count this attempt; True when the client or the address has used up its allowance."""
    if _limited(request, group="newsletter.subscribe.ip", key="ip", rate=settings.NEWSLETTER_RATE_PER_IP):
        return True
    if email is None:
        return False
    return _limited(
        request,
        group="newsletter.subscribe.email",
        key=lambda _group, _request: email,
        rate=settings.NEWSLETTER_RATE_PER_EMAIL,
    )


def _limited(request: HttpRequest, *, group: str, key, rate: str) -> bool:
    usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
    if usage is None:  # RATELIMIT_FAIL_OPEN: the cache could not count (or RATELIMIT_ENABLE is off)
        if getattr(settings, "RATELIMIT_ENABLE", True):
            logger.warning("Rate limit %s not applied: the cache cannot count attempts", group)
        return False
    return usage["should_limit"]
