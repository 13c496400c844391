"""Admin: the Facebook ledger as a read-only list with a state filter and "Prøv igen" on failed rows."""

from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import SocialPost, SocialPostState
from .panels import FacebookStatusPanel
from .views import RETRY_PERMISSION, FacebookShareNowView, SocialPostRetryView


class SocialPostPermissionPolicy(ModelPermissionPolicy):
    """Only the job writes the ledger: people may look and retry, never add, edit or delete rows by hand."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        if action == "view":
            return user.has_perm("publishing.view_socialpost") or user.has_perm(RETRY_PERMISSION)
        return super().user_has_permission(user, action)


register_permission_policy(SocialPost, SocialPostPermissionPolicy(SocialPost))


class RetryColumn(Column):
    def get_value(self, instance):
        if instance.state != SocialPostState.FAILED:
            return ""
        return format_html(
            '<a class="button button-small" href="{}">Prøv igen</a>',
            reverse("facebook_posts:retry", args=[instance.pk]),
        )


class PostLinkColumn(Column):
    def get_value(self, instance):
        if not instance.permalink:
            return ""
        return format_html(
            '<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', instance.permalink, instance.external_id
        )


class SocialPostViewSet(ModelViewSet):
    model = SocialPost
    name = "facebook_posts"
    icon = "list-ul"
    menu_label = "Opslag på Facebook"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["state"]
    search_fields = ["page_title"]
    list_display = [
        Column("page_title", label="Side", accessor="page_title"),
        Column("state", label="Status", accessor="get_state_display"),
        DateColumn("posted_at", label="Opslået"),
        PostLinkColumn("permalink", label="Opslag"),
        Column("last_error", label="Seneste fejl", accessor="last_error"),
        DateColumn("updated_at", label="Ændret"),
        RetryColumn("retry", label=""),
    ]
    form_fields = ["state"]  # required by ModelViewSet; its add and edit views are not routed
    inspect_view_fields = [
        "page",
        "page_title",
        "state",
        "posted_at",
        "permalink",
        "external_id",
        "message",
        "link",
        "revision_id",
        "attempts",
        "needs_reconciliation",
        "last_error",
        "created_at",
        "updated_at",
    ]

    def get_urlpatterns(self):
        # Index, search results and inspect only: rows are never created or edited by hand.
        kept = {"index", "index_results", "inspect"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in kept] + [
            path("retry/<int:pk>/", SocialPostRetryView.as_view(), name="retry"),
        ]


@hooks.register("register_admin_viewset")
def register_social_post_viewset():
    return SocialPostViewSet()


@hooks.register("register_admin_urls")
def register_share_now_url():
    return [path("facebook/del-nu/<int:page_id>/", FacebookShareNowView.as_view(), name="facebook_share_now")]


@hooks.register("register_page_status_panel")
def facebook_status_panel():
    """Shown on pages that can be shared on Facebook, beside the fields that mark them for it."""
    return FacebookStatusPanel(heading="Status på Facebook")
