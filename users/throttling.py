"""Login throttling (django-axes): who is the client.

The same address as the newsletter's rate limit: REMOTE_ADDR, or the header that
RATELIMIT_IP_META_KEY names (e.g. HTTP_X_REAL_IP), which only the reverse proxy
in front of the CMS sets. Without that setting a client-sent X-Real-IP is ignored,
so nobody can escape a lockout by inventing addresses.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    key = getattr(settings, "RATELIMIT_IP_META_KEY", None)
    address = (request.META.get(key) if key else None) or request.META.get("REMOTE_ADDR") or ""
    return address.split(",")[0].strip() or None


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes's backend, minus its refusal of `authenticate()` calls without a request.

    Every login form passes the request (Django's LoginView, which both the admin and
    Wagtail's /_util/login/ use), so every login over HTTP is throttled. A call
    without one (a shell, a management command, the test client's `login()`) has no
    client address to throttle by; axes would raise there, we step aside instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
