from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = "Brugere"

    def ready(self):
        from wagtail.users.forms import PagePermissionsForm

        from .permission_names import translate_after_migrate

        post_migrate.connect(translate_after_migrate, dispatch_uid="users.permission_names")
        # Wagtail's page-permission form leaves this label to Django's default from the
        # field name, the English "Page".
        PagePermissionsForm.base_fields["page"].label = gettext_lazy("Page")
