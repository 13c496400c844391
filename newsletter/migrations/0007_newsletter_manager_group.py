"""The group that approves and sends the newsletter ("Nyhedsbrev-ansvarlig").

Editors (the "Redaktør" group) build, preview and test; approving and sending mails
every subscriber, so it is kept to the people named in this group.
"""

from django.db import migrations

GROUP = "Nyhedsbrev-ansvarlig"
PERMISSIONS = ["access_admin", "view_newsletterissue", "change_newsletterissue", "approve_issue", "send_issue"]


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*Permission.objects.filter(codename__in=PERMISSIONS))


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0006_admin_runs_and_permissions"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
