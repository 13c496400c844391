"""Admin: the help menu links to our Danish editor guide instead of Wagtail's English ones."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .guide import GUIDE_TITLE, EditorGuideView, editor_guide_image

# Wagtail's own help items that open English pages on wagtail.org.
WAGTAIL_GUIDE_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")
def register_editor_guide_urls():
    return [
        path("vejledning/", EditorGuideView.as_view(), name="editor_guide"),
        path("vejledning/billeder/<str:name>", editor_guide_image, name="editor_guide_image"),
    ]


@hooks.register("register_help_menu_item")
def register_editor_guide_menu_item():
    return MenuItem(GUIDE_TITLE, reverse("editor_guide"), icon_name="help", order=1100, name="vejledning")


@hooks.register("construct_help_menu")
def hide_wagtails_english_guides(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_GUIDE_ITEMS)]
