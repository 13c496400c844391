"""The "Redaktør" group can do an editor's work and nothing more."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, Page

from users.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(site_tree):
    user = User.objects.create_user("rikke", "rikke@example.dk", "hemmelig-kode")
    user.groups.add(Group.objects.get(name="Redaktør"))
    return user


def test_editors_add_edit_and_publish_pages_but_do_not_delete_trees_or_unlock(editor, site_tree):
    permissions = site_tree["news"].permissions_for_user(editor)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()
    assert permissions.can_publish()
    assert not permissions.can_unlock()
    assert not site_tree["home"].permissions_for_user(editor).can_delete()  # has child pages


def test_editors_add_and_choose_images_and_documents_in_every_collection(editor):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy  # noqa: F401
    from wagtail.permissions import policy_registry

    root = Collection.get_first_root_node()
    child = root.add_child(name="Referater")
    for model in (get_image_model(), get_document_model()):
        policy = policy_registry.get_by_type(model)
        for action in ("add", "choose"):
            assert policy.user_has_permission(editor, action), (model, action)
            assert child in policy.collections_user_has_permission_for(editor, action)


@pytest.mark.parametrize(
    "permission",
    [
        "pages.change_fundingline",
        "pages.add_areaclassification",
        "organisations.change_person",
        "newsletter.change_newsletterissue",
        "publishing.view_socialpost",
        "wagtailadmin.access_admin",
    ],
)
def test_editors_have_what_their_work_needs(editor, permission):
    assert editor.has_perm(permission)


@pytest.mark.parametrize(
    "permission",
    [
        "users.change_user",
        "auth.change_group",
        "wagtailcore.add_collection",
        "wagtailcore.add_site",
        "wagtailredirects.add_redirect",
        "home.change_sitesettings",
        "newsletter.view_subscriber",
        "newsletter.delete_newsletterissue",
        "wagtailcore.add_workflow",
    ],
)
def test_editors_have_nothing_more(editor, permission):
    assert not editor.has_perm(permission)


@pytest.mark.parametrize(
    "path",
    ["/admin/users/", "/admin/groups/", "/admin/collections/", "/admin/redirects/", "/admin/nyhedsbrev/abonnenter/"],
)
def test_editors_are_refused_administrators_screens(client, editor, path):
    client.force_login(editor)
    response = client.get(path)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def test_the_group_exists_without_the_demo_content():
    assert Group.objects.filter(name="Redaktør").exists()
    assert Page.objects.filter(depth=1).get().group_permissions.filter(group__name="Redaktør").count() == 3
