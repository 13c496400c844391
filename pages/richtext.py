"""Rich text for the API: internal links point at the frontend, hidden targets lose their link.

Wagtail stores links as `<a linktype="page" id="12">`. We resolve all of them in
two queries (pages, documents) and never emit the path of a hidden page.
"""

import re

from django.conf import settings
from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

from .visibility import Visibility

_CLOSING_A = re.compile(r"</a>")


def frontend_path(page: Page, site_root_path: str) -> str:
    """The page's path on the public site: its url_path without the site root's part."""
    if page.url_path.startswith(site_root_path):
        return "/" + page.url_path[len(site_root_path) :]
    return page.url_path


def rich_text_html(html: str, *, visibility: Visibility, site_root_path: str) -> str:
    if not html or "linktype=" not in html:
        return html or ""
    from documents.models import PlanDocument

    links = [extract_attrs(match.group(1)) for match in FIND_A_TAG.finditer(html)]
    page_ids = {int(a["id"]) for a in links if a.get("linktype") == "page" and a.get("id", "").isdigit()}
    doc_ids = {int(a["id"]) for a in links if a.get("linktype") == "document" and a.get("id", "").isdigit()}
    pages = {p.pk: p for p in visibility.pages(Page.objects.filter(pk__in=page_ids))} if page_ids else {}
    documents = {d.pk: d for d in visibility.media(PlanDocument.objects.filter(pk__in=doc_ids))} if doc_ids else {}

    out, pos, dropped = [], 0, 0
    for match in FIND_A_TAG.finditer(html):
        out.append(_drop_closing_tags(html[pos : match.start()], dropped))
        dropped = 0
        attrs = extract_attrs(match.group(1))
        linktype, target_id = attrs.get("linktype"), attrs.get("id", "")
        href = None
        if linktype == "page" and target_id.isdigit() and int(target_id) in pages:
            href = frontend_path(pages[int(target_id)], site_root_path)
        elif linktype == "document" and target_id.isdigit() and int(target_id) in documents:
            href = settings.WAGTAILADMIN_BASE_URL + documents[int(target_id)].url
        elif linktype is None:
            out.append(match.group(0))
            pos = match.end()
            continue
        if href is None:
            dropped = 1  # hidden or deleted target: keep the text, lose the link
        else:
            out.append(f'<a href="{escape(href)}">')
        pos = match.end()
    out.append(_drop_closing_tags(html[pos:], dropped))
    return "".join(out)


def _drop_closing_tags(segment: str, count: int) -> str:
    return _CLOSING_A.sub("", segment, count=count) if count else segment
