"""The one-click unsubscribe endpoint named in every newsletter's List-Unsubscribe header (RFC 8058).

A mail client POSTs `List-Unsubscribe=One-Click` to it without cookies or a
login, so it is exempt from CSRF: the signed token in the URL is the
authorisation. A GET (a person opening the link, or a scanner following it)
never unsubscribes; it shows a button that POSTs the same form.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from .services import newsletter_unsubscribe
from .tokens import unsubscribe_token_read


@csrf_exempt
@require_http_methods(["GET", "POST"])
def one_click_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        valid = unsubscribe_token_read(token=token) is not None
        return render(request, "newsletter/unsubscribe.html", {"valid": valid}, status=200 if valid else 400)
    if request.POST.get("List-Unsubscribe") != "One-Click":
        return render(request, "newsletter/unsubscribe.html", {"valid": True}, status=400)
    result = newsletter_unsubscribe(token=token)
    return render(
        request, "newsletter/unsubscribe.html", {"result": result, "valid": result.ok}, status=200 if result.ok else 400
    )
