"""A read-only panel on pages marked for Facebook: has the page been posted, when, where, and what went wrong."""

from django.utils import timezone
from wagtail.admin.panels import Panel


class FacebookStatusPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "publishing/panels/facebook_status.html"

        def get_context_data(self, parent_context=None):
            # Imported here: page models import this panel, and the selectors import page models.
            from .selectors import facebook_post_for_page

            context = super().get_context_data(parent_context)
            post = facebook_post_for_page(page_id=self.instance.pk) if self.instance.pk else None
            context["post"] = post
            context["posted_at"] = timezone.localtime(post.posted_at) if post and post.posted_at else None
            return context
