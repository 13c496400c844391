"""The "Redaktør" group: what an editor at a housing organisation or the Bysekretariat needs, and nothing more.

- the admin itself;
- pages: add, edit and publish anywhere in the tree (permissions on Wagtail's root page);
  no deleting whole subtrees, no locking others out, no bulk delete;
- images and documents: add, edit and choose in every collection (the root collection);
  managing collections and their privacy stays with administrators;
- the snippets editors keep up to date (plan facts and organisations): add, edit, delete;
- the newsletter issues: see, build and edit the intro (approving and sending is for the
  "Nyhedsbrev-ansvarlig" group);
- the Facebook ledger: see it and retry a failed post.

Users, groups, sites, settings, redirects, workflows and subscribers' personal data are
for administrators only. Runs in every environment, so the group exists wherever the
CMS is installed; a permission that does not exist (an app removed) is skipped.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Redaktør"

MODEL_PERMISSIONS = {
    "wagtailadmin": {"admin": ["access_admin"]},
    "pages": {
        model: ["add", "change", "delete", "view"]
        for model in ["fundingline", "areaclassification", "keyfigure", "criterion"]
    },
    "organisations": {
        model: ["add", "change", "delete", "view"]
        for model in ["organisation", "person", "governancebody", "targetgroup", "place", "contactpoint"]
    },
    "newsletter": {"newsletterissue": ["add", "change", "view"]},
    "publishing": {"socialpost": ["view", "change"]},
}
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
# Wagtail checks image and document permissions against its own models (the permission
# policies' auth_model), also when the project uses custom ones.
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
APPS = ["wagtailadmin", "wagtailcore", "documents", "pages", "organisations", "newsletter", "publishing"]


def _codename(action, model):
    # access_admin is a custom permission; the rest are Django's add_/change_/delete_/view_.
    return action if "_" in action else f"{action}_{model}"


def create_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for label in APPS:
        try:
            app_config = apps.get_app_config(label)
        except LookupError:  # an app without models in the migration state
            continue
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    for app_label, models in MODEL_PERMISSIONS.items():
        for model, actions in models.items():
            codenames = [_codename(action, model) for action in actions]
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, content_type__model=model, codename__in=codenames
                )
            )

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
            for permission in permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    # The migrations that create the models whose permissions the group gets. Named, never
    # "__latest__": a later migration in those apps would otherwise become a dependency of
    # this one after it ran, and Django refuses such a history on existing databases.
    dependencies = [
        ("users", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        # After Wagtail's own choose-permission migrations, which grant to every admin group.
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("documents", "0001_initial"),
        ("pages", "0002_criteria"),
        ("organisations", "0001_initial"),
        ("newsletter", "0001_initial"),
        ("publishing", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
