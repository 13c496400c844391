"""The Danish editor guide, docs/redaktoer.md, rendered inside the admin at /admin/vejledning/.

The guide lives in the repository as Markdown so that it is read and reviewed like code;
its screenshots are the ones the e2e crawl saves (docs/screenshots/admin/). Both are
served from those files by login-protected admin views, so the link in the help menu
works wherever the CMS runs, without a separate docs site.
"""

import re
from functools import lru_cache
from pathlib import Path

import markdown
from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE_TITLE = "Vejledning for redaktører"
SCREENSHOT_NAME = re.compile(r"^[a-z0-9-]+\.(jpg|png)$")
# Image paths as written in docs/redaktoer.md, relative to the file (so they also show on GitHub).
SCREENSHOT_SRC = re.compile(r'src="screenshots/admin/([a-z0-9-]+\.(?:jpg|png))"')


def guide_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "redaktoer.md"


def screenshot_dir() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "screenshots" / "admin"


@lru_cache(maxsize=4)
def _render(text: str, image_base: str) -> str:
    html = markdown.markdown(text, extensions=["toc", "tables", "sane_lists"], output_format="html")
    return SCREENSHOT_SRC.sub(lambda match: f'src="{image_base}{match.group(1)}" loading="lazy"', html)


def guide_html() -> str:
    """The guide as HTML with its screenshots pointing at the admin's image view."""
    text = guide_path().read_text(encoding="utf-8")
    image_base = reverse("editor_guide_image", args=["x.jpg"]).removesuffix("x.jpg")
    return _render(text, image_base)


class EditorGuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "users/editor_guide.html"
    page_title = GUIDE_TITLE
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": GUIDE_TITLE}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["guide_html"] = mark_safe(guide_html())  # our own reviewed Markdown, not user input
        return context


def editor_guide_image(request, name: str):
    if not SCREENSHOT_NAME.match(name):
        raise Http404
    path = screenshot_dir() / name
    if not path.is_file():
        raise Http404
    content_type = "image/png" if name.endswith(".png") else "image/jpeg"
    return FileResponse(path.open("rb"), content_type=content_type)
