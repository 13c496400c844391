"""Page fields that depend on the request's site: paths and URLs on the frontend, rich text."""

from django.conf import settings

from api.toolkit.context import context_of

from ..richtext import frontend_path, rich_text_html


def url_path_of(info, page) -> str:
    return frontend_path(page, context_of(info).site_root_path)


def frontend_url_of(info, page) -> str:
    return settings.FRONTEND_BASE_URL + url_path_of(info, page)


def html_of(info, html: str) -> str:
    context = context_of(info)
    return rich_text_html(
        html, visibility=context.visibility, site_root_path=context.site_root_path, targets=link_targets_of(info)
    )


def link_targets_of(info) -> dict:
    """Rich-text link targets found so far in this request, shared by every text of the answer."""
    return context_of(info).loaders.once("rich_text_link_targets", dict)
