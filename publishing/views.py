"""The admin's "Prøv igen" for a failed Facebook post and "Del nu" for a page: a confirmation page and a POST."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .models import SocialPost
from .queueing import ShareNowRefused, facebook_share_now, social_post_retry
from .status import facebook_post_get, facebook_status_for_page

RETRY_PERMISSION = "publishing.change_socialpost"


class SocialPostRetryView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "publishing/social_post/confirm_retry.html"
    header_icon = "repeat"
    index_url_name = "facebook_posts:index"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(RETRY_PERMISSION):
            raise PermissionDenied
        self.object = get_object_or_404(SocialPost, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Prøv igen: {self.object.page_title}"

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse(self.index_url_name), "label": SocialPost._meta.verbose_name_plural.capitalize()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(object=self.object, index_url=reverse(self.index_url_name), **kwargs)

    def post(self, request, *args, **kwargs):
        if social_post_retry(post=self.object):
            messages.success(request, f"“{self.object.page_title}” sendes igen ved næste kørsel.")
        else:
            messages.warning(request, f"“{self.object.page_title}” er ikke fejlet, så der er intet at prøve igen.")
        return redirect(self.index_url_name)


class FacebookShareNowView(WagtailAdminTemplateMixin, TemplateView):
    """ "Del nu" from the page editor's status panel: a confirmation page, then a POST that queues a run for the page.

    Only people who may publish the page may share it: posting is a publication too.
    """

    template_name = "publishing/social_post/confirm_share_now.html"
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        if not self.page.permissions_for_user(request.user).can_publish():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Del på Facebook: {self.page.title}"

    def get_context_data(self, **kwargs):
        post = facebook_post_get(page_id=self.page.pk)
        return super().get_context_data(
            page=self.page,
            status=facebook_status_for_page(page=self.page, post=post),
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            facebook_share_now(page=self.page)
        except ShareNowRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, f"“{self.page.title}” deles på Facebook inden for få minutter.")
        return redirect("wagtailadmin_pages:edit", self.page.pk)
