"""Make sure a laptop has a superuser to log in with, so `make run` ends at a working admin.

Refuses outside DEBUG: a well-known password must never reach a server.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "admin"  # development only, guarded by DEBUG below


class Command(BaseCommand):
    help = "Create the local development superuser admin/admin (only when DEBUG is True)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "ensure_dev_admin only runs with DEBUG=True (development). "
                "Create users on a server with `manage.py createsuperuser`."
            )
        user, created = get_user_model().objects.get_or_create(username=USERNAME)
        # Converge rather than only create, so the login printed below is always true.
        if created or not (user.is_superuser and user.is_staff and user.is_active and user.check_password(PASSWORD)):
            user.is_superuser = user.is_staff = user.is_active = True
            user.set_password(PASSWORD)
            user.save()
            self.stdout.write(self.style.SUCCESS(f"Superbrugeren {USERNAME!r} er klar."))
        else:
            self.stdout.write(f"Superbrugeren {USERNAME!r} findes allerede.")
        # WAGTAILADMIN_BASE_URL: `make run` sets it from HOST and PORT.
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(f"Admin: {base_url}/admin/  bruger: {USERNAME}  adgangskode: {PASSWORD}")
        self.stdout.write(f"GraphQL: {base_url}/graphql/")
