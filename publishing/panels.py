"""A read-only panel on pages marked for Facebook: has the page been posted, when, where, and what went wrong."""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.panels import Panel

from .status import facebook_post_get, facebook_status_for_page


class FacebookStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "publishing/panels/facebook_status.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            post = facebook_post_get(page_id=self.instance.pk) if self.instance.pk else None
            context["post"] = post
            context["status"] = facebook_status_for_page(page=self.instance, post=post)
            if self.instance.pk and context["status"].can_share_now:
                context["share_now_url"] = reverse("facebook_share_now", args=[self.instance.pk])
            context["posted_at"] = timezone.localtime(post.posted_at) if post and post.posted_at else None
            return context
