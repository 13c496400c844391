"""Permission names in Danish, as the group editor shows them.

Django stores a permission's name in the database when it creates it: "Can add
redirect" for the built-in ones, and Wagtail's English text ("Publish any page") for
custom ones, whatever the language. The admin's group editor shows those names. After
every migrate, the built-in names are written from their Danish verb and the model's
Danish verbose name, and the custom ones through the Danish catalogue.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.utils import translation

BUILTIN_ACTIONS = {"add": "Kan tilføje %s", "change": "Kan ændre %s", "delete": "Kan slette %s", "view": "Kan se %s"}
NAME_MAX_LENGTH = 255


def permission_names_translate(*, using: str = "default") -> int:
    """Give every permission its Danish name; returns how many changed."""
    from django.contrib.auth.models import Permission

    changed = []
    with translation.override(settings.LANGUAGE_CODE):
        for permission in Permission.objects.using(using).select_related("content_type"):
            model = permission.content_type.model_class()
            action, _, model_name = permission.codename.partition("_")
            if model is not None and action in BUILTIN_ACTIONS and model_name == model._meta.model_name:
                name = BUILTIN_ACTIONS[action] % model._meta.verbose_name
            else:
                name = translation.gettext(permission.name)
            name = str(name)[:NAME_MAX_LENGTH]
            if name != permission.name:
                permission.name = name
                changed.append(permission)
    Permission.objects.using(using).bulk_update(changed, ["name"])
    return len(changed)


def translate_after_migrate(sender, using="default", **kwargs):
    """post_migrate receiver: runs once, after the last app's permissions were created."""
    with_models = [config for config in apps.get_app_configs() if config.models_module is not None]
    if with_models and sender is with_models[-1]:
        # Django's own receiver creates this last app's permissions, but may run after
        # this one (receivers run in the order the apps are installed): create them now.
        create_permissions(sender, verbosity=0, using=using, apps=kwargs.get("apps", apps))
        permission_names_translate(using=using)
