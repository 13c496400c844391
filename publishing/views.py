"""The admin's "Prøv igen" for a failed Facebook post: a confirmation page and a POST that calls the service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .editor import social_post_retry
from .models import SocialPost

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
