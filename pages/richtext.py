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


def link_ids(sources: list[str]) -> set[tuple[str, int]]:
    """The (linktype, id) of every page and document link in the given rich texts."""
    ids = set()
    for html in sources:
        if html and "linktype=" in html:
            for match in FIND_A_TAG.finditer(html):
                attrs = extract_attrs(match.group(1))
                if attrs.get("linktype") in ("page", "document") and attrs.get("id", "").isdigit():
                    ids.add((attrs["linktype"], int(attrs["id"])))
    return ids


def link_targets_load(targets: dict, ids: set[tuple[str, int]], *, visibility: Visibility) -> None:
    """Add the visible targets of `ids` that `targets` lacks (None for hidden or deleted ones): two queries."""
    from documents.models import PlanDocument

    missing = ids - targets.keys()
    page_ids = {target_id for kind, target_id in missing if kind == "page"}
    doc_ids = {target_id for kind, target_id in missing if kind == "document"}
    targets.update(dict.fromkeys(missing))
    if page_ids:
        targets.update({("page", p.pk): p for p in visibility.pages(Page.objects.filter(pk__in=page_ids))})
    if doc_ids:
        targets.update({("document", d.pk): d for d in visibility.media(PlanDocument.objects.filter(pk__in=doc_ids))})


def rich_text_html(html: str, *, visibility: Visibility, site_root_path: str, targets: dict | None = None) -> str:
    """`targets` ((linktype, id) -> visible object or None) is shared by the texts of one request."""
    if not html or "linktype=" not in html:
        return html or ""
    targets = {} if targets is None else targets
    link_targets_load(targets, link_ids([html]), visibility=visibility)
    pages = {key[1]: value for key, value in targets.items() if key[0] == "page" and value is not None}
    documents = {key[1]: value for key, value in targets.items() if key[0] == "document" and value is not None}

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
