"""Every form post in the Wagtail admin is one database transaction.

Wagtail's page create view saves the page (`add_child`) and then its first
revision in separate statements without a transaction around them. When the
second fails (e.g. "database is locked" under SQLite with the task worker
writing), the page stays in the tree with no revision, which the admin cannot
edit. Run as one transaction, a failed save leaves nothing behind.

Django's ATOMIC_REQUESTS would do this for every view, including the GraphQL
endpoint and the newsletter's one-click unsubscribe; only the admin needs it,
so this middleware wraps the admin's POST views only (the same way
ATOMIC_REQUESTS wraps a view, so an exception rolls back before Django turns it
into a 500).
"""

from django.db import transaction


class AdminWritesAtomicMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not request.path_info.startswith("/admin/"):
            return None
        if getattr(view_func, "_non_atomic_requests", None):
            return None
        with transaction.atomic():
            return view_func(request, *view_args, **view_kwargs)
