"""Downloads of internal documents need a login, whatever collection they sit in.

Wagtail's own hook checks collection privacy; this one adds the audience field
("Kun bestyrelsen (intern)"), the same rule pages/visibility.py applies to the API.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail import hooks

from .choices import DocumentAudience


@hooks.register("before_serve_document")
def require_login_for_internal_documents(document, request):
    if document.audience != DocumentAudience.BOARD:
        return None
    if not request.user.is_authenticated:
        # The admin's login: the people who may read internal documents have admin accounts.
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    return None
