"""Reference implementations for the benchmark (cms.settings.bench only, never in production).

C: hand-written views that return the same JSON as our GraphQL operations, from
   the fewest queries we know how to write: the database-backed floor.
E: a view returning fixed JSON: the framework floor. Per operation it returns the
   operation's own answer as fixed bytes (written by `bench.run` to
   bench/tmp/fixed/), so that D and E move the same bytes and D/E measures what
   the cache costs, not the size of the answer.
B: Wagtail's REST API (wagtail.api.v2) for the operations it can serve.

The C views apply the same visibility rules (pages.visibility) as the API, so
they do the same work minus GraphQL, and `bench.run` checks that their JSON
equals the GraphQL answer.
"""

import datetime as dt
import json
from pathlib import Path

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.models import Site

from documents.choices import DocumentKind
from documents.models import PlanDocument
from pages import selectors
from pages.choices import Coverage, LbfTheme
from pages.models import FocusAreaPage, HousingAreaPage, NewsPage, PlanPeriodHousingArea, PlanPeriodPage
from pages.richtext import frontend_path, rich_text_html
from pages.visibility import Visibility

FIXED = json.dumps({"data": {"ok": True, "items": [{"title": f"Item {i}", "urlPath": f"/x/{i}/"} for i in range(3)]}})


def _json(data) -> HttpResponse:
    return HttpResponse(json.dumps({"data": data}, separators=(",", ":")), content_type="application/json")


def _site_root_path(request) -> str:
    site = Site.find_for_request(request)
    return site.root_page.url_path if site else "/"


def _date(value):
    return value.isoformat() if value else None


def _absolute(url: str) -> str:
    from documents.graphql import _absolute

    return _absolute(url)


FIXED_DIR = Path(__file__).resolve().parent / "tmp" / "fixed"
_fixed_bodies: dict[str, bytes] = {}


def fixed(request, name: str | None = None):
    """E: the framework floor; with a name, that operation's answer read once from bench/tmp/fixed/."""
    if name is None:
        return HttpResponse(FIXED, content_type="application/json")
    body = _fixed_bodies.get(name)
    if body is None:
        body = _fixed_bodies[name] = (FIXED_DIR / f"{name}.json").read_bytes()
    return HttpResponse(body, content_type="application/json")


def fixed_write(name: str, body: bytes) -> str:
    """Store an answer for E (bench.run, before the server starts); returns E's URL for it."""
    FIXED_DIR.mkdir(parents=True, exist_ok=True)
    (FIXED_DIR / f"{name}.json").write_bytes(body)
    _fixed_bodies.pop(name, None)
    return f"/bench/fixed/{name}/"


def home_page(request):
    """C for HomePage: current period with focus areas and coverage, 3 news, 5 upcoming events."""
    visibility = Visibility()
    root = _site_root_path(request)
    period_id = selectors.current_plan_period_id(visibility=visibility)
    period = None
    if period_id is not None:
        row = PlanPeriodPage.objects.get(pk=period_id)
        focus = visibility.pages(FocusAreaPage.objects.filter(path__startswith=row.path, depth=row.depth + 1))
        coverage = PlanPeriodHousingArea.objects.filter(visibility.pages_q("housing_area__"), page_id=period_id)
        period = {
            "id": str(row.pk),
            "title": row.title,
            "slug": row.slug,
            "urlPath": frontend_path(row, root),
            "startDate": _date(row.start_date),
            "endDate": _date(row.end_date),
            "motto": row.motto,
            "focusAreas": [
                {"id": str(f.pk), "title": f.title, "slug": f.slug, "lbfTheme": LbfTheme(f.lbf_theme).name}
                for f in focus.order_by("path").only("id", "title", "slug", "lbf_theme")
            ],
            "housingAreaCoverage": [
                {"coverage": Coverage(c.coverage).name, "housingArea": {"title": title, "slug": slug}}
                for c, title, slug in (
                    (c, c.housing_area.title, c.housing_area.slug)
                    for c in coverage.select_related("housing_area").order_by("sort_order")
                )
            ],
        }
    news = selectors.news_list(visibility=visibility).only("id", "title", "url_path", "published_date", "teaser")
    total = news.count()
    events = selectors.event_list(visibility=visibility)[:5]
    return _json(
        {
            "currentPlanPeriod": period,
            "newsItems": {
                "items": [
                    {
                        "title": n.title,
                        "urlPath": frontend_path(n, root),
                        "publishedDate": _date(n.published_date),
                        "teaser": n.teaser,
                    }
                    for n in news[:3]
                ],
                "pagination": {"total": total, "totalPages": max(1, -(-total // 3)), "currentPage": 1},
            },
            "events": [
                {
                    "title": e.title,
                    "urlPath": frontend_path(e, root),
                    "startsAt": e.starts_at.isoformat(),
                    "endsAt": e.ends_at.isoformat() if e.ends_at else None,
                    "isCancelled": e.is_cancelled,
                    "place": {"name": e.place.name, "address": e.place.address} if e.place else None,
                }
                for e in events
            ],
        }
    )


def _focus_areas_with_activities(visibility, period):
    """The period's focus areas with their activities, target groups and housing areas: four queries."""
    from django.db.models import Prefetch, prefetch_related_objects

    from pages.relations import focus_areas_of

    focus_areas = focus_areas_of(visibility=visibility, periods=[period])[0]
    activities = selectors.focus_area_activities(visibility).queryset.prefetch_related(
        "target_groups", selectors.activity_relation(visibility, "housing_areas")
    )
    prefetch_related_objects(focus_areas, Prefetch("activities", queryset=activities))
    return focus_areas


def plan_period(request):
    """C for PlanPeriod($slug)."""
    from organisations.choices import GovernanceBodyKind, MembershipRole
    from pages.choices import AmountKind, ApprovalBody, FundingType
    from pages.funding import funding_totals

    visibility = Visibility()
    root = _site_root_path(request)
    found = selectors.plan_period_get(visibility=visibility, slug=request.GET.get("slug", ""))
    if found is None:
        return _json({"planPeriod": None})
    p = found
    current = selectors.current_plan_period_id(visibility=visibility)
    totals = funding_totals(lines=p.funding_lines.all())

    def area(a, with_url=False):
        out = {"title": a.title, "slug": a.slug}
        if with_url:
            out["urlPath"] = frontend_path(a, root)
        return out

    data = {
        "id": str(p.pk),
        "title": p.title,
        "motto": p.motto,
        "startDate": _date(p.start_date),
        "endDate": _date(p.end_date),
        "isCurrent": p.pk == current,
        "intro": rich_text_html(p.intro, visibility=visibility, site_root_path=root),
        "approvals": [
            {"approvedBy": ApprovalBody(a.approved_by).name, "approvedOn": _date(a.approved_on), "note": a.note}
            for a in p.approvals.all()
        ],
        "focusAreas": [
            {
                "title": f.title,
                "slug": f.slug,
                "urlPath": frontend_path(f, root),
                "lbfTheme": LbfTheme(f.lbf_theme).name,
                "summary": f.summary,
                "activities": [
                    {
                        "title": a.title,
                        "slug": a.slug,
                        "urlPath": frontend_path(a, root),
                        "targetGroups": [{"name": t.name} for t in a.target_groups.all()],
                        "housingAreas": [area(h) for h in a.housing_areas.all()],
                    }
                    for a in f.activities.all()
                ],
            }
            for f in _focus_areas_with_activities(visibility, p)
        ],
        "housingAreaCoverage": [
            {"coverage": Coverage(c.coverage).name, "housingArea": area(c.housing_area, with_url=True)}
            for c in p.housing_area_coverage.all()
        ],
        "fundingLines": [
            {
                "funder": {"name": line.funder.name} if line.funder else None,
                "fundingType": FundingType(line.funding_type).name,
                "amountKind": AmountKind(line.amount_kind).name,
                "amountDkk": line.amount_dkk,
                "isEstimate": line.is_estimate,
            }
            for line in p.funding_lines.all()
        ],
        "localCofinancingShare": totals.local_share,
        "governanceBodies": [
            {
                "kind": GovernanceBodyKind(b.kind).name,
                "name": b.name,
                "memberships": [
                    {
                        "role": MembershipRole(m.role).name,
                        "person": {"name": m.person.name, "jobTitle": m.person.job_title},
                        "represents": {"name": m.represents.name} if m.represents else None,
                    }
                    for m in b.memberships.all()
                ],
            }
            for b in p.governance_bodies.all()
        ],
        "documents": [
            {"title": d.title, "kind": DocumentKind(d.kind).name, "url": _absolute(d.url)} for d in p.documents.all()
        ],
    }
    return _json({"planPeriod": data})


def _documents_page(queryset, page: int, per_page: int, fields):
    total = queryset.count()
    offset = (page - 1) * per_page
    items = list(queryset[offset : offset + per_page]) if offset < total else []
    return total, [fields(d) for d in items]


def document_library(request):
    """C for DocumentLibrary(kind: null, planPeriod: null, page)."""
    visibility = Visibility()
    page = int(request.GET.get("page", 1))
    queryset = selectors.document_list(visibility=visibility)

    def fields(d):
        period = d.plan_period
        visible = period is not None and visibility.is_page_visible(period)
        return {
            "id": str(d.pk),
            "title": d.title,
            "kind": DocumentKind(d.kind).name,
            "url": _absolute(d.url),
            "fileSize": d.file_size,
            "publishedOn": _date(d.published_on),
            "planPeriod": {"title": period.title, "slug": period.slug} if visible else None,
        }

    total, items = _documents_page(queryset, page, 20, fields)
    return _json(
        {
            "documents": {
                "items": items,
                "pagination": {"total": total, "totalPages": max(1, -(-total // 20)), "currentPage": page},
            }
        }
    )


def _parse(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _newsletter_image(page, visibility: Visibility) -> dict | None:
    """The page's listing image as NewsletterContent reads it: alt text and the NEWSLETTER rendition."""
    from documents.graphql import RENDITIONS

    image = page.listing_image
    if image is None or not visibility.is_media_visible(image):
        return None
    rendition = image.get_rendition(RENDITIONS["NEWSLETTER"][0])
    return {
        "altText": image.description or "",
        "rendition": {"url": _absolute(rendition.url), "width": rendition.width, "height": rendition.height},
    }


def newsletter_content(request):
    """C for NewsletterContent($from, $to, $eventsFrom, $eventsTo)."""
    from django.conf import settings

    visibility = Visibility()
    root = _site_root_path(request)
    start, end = _parse(request.GET["from"]), _parse(request.GET["to"])
    news = (
        selectors.news_list(visibility=visibility, published_from=start, published_to=end)
        .only("id", "title", "teaser", "url_path", "published_date", "include_in_newsletter", "listing_image")
        .select_related("listing_image")[:50]
    )
    events = selectors.event_list(
        visibility=visibility, starts_from=_parse(request.GET["eventsFrom"]), starts_to=_parse(request.GET["eventsTo"])
    )[:50]
    local = timezone.localtime
    documents = selectors.document_list(
        visibility=visibility, published_from=local(start).date(), published_to=local(end).date()
    )[:50]
    url = settings.FRONTEND_BASE_URL
    return _json(
        {
            "newsItems": {
                "items": [
                    {
                        "title": n.title,
                        "teaser": n.teaser,
                        "url": url + frontend_path(n, root),
                        "publishedDate": _date(n.published_date),
                        "includeInNewsletter": n.include_in_newsletter,
                        "image": _newsletter_image(n, visibility),
                    }
                    for n in news
                ]
            },
            "events": [
                {
                    "title": e.title,
                    "teaser": e.teaser,
                    "url": url + frontend_path(e, root),
                    "startsAt": e.starts_at.isoformat(),
                    "isCancelled": e.is_cancelled,
                    "place": {"name": e.place.name} if e.place else None,
                    "includeInNewsletter": e.include_in_newsletter,
                    "image": _newsletter_image(e, visibility),
                }
                for e in events
            ],
            "documents": {
                "items": [
                    {"title": d.title, "kind": DocumentKind(d.kind).name, "url": _absolute(d.url)} for d in documents
                ]
            },
        }
    )


# --- B: Wagtail's REST API, with the fields the operations read ------------------


class BenchPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint. It knows nothing of our visibility rules beyond live/public."""


class BenchDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Wagtail's documents endpoint. Note: it does not hide documents in private collections."""


def _expose_api_fields():
    """api_fields exist only in the bench process: our models do not declare them."""
    from wagtail.api import APIField

    NewsPage.api_fields = [APIField("teaser"), APIField("published_date")]
    HousingAreaPage.api_fields = [APIField("local_status_label")]
    PlanDocument.api_fields = [APIField("kind"), APIField("published_on"), APIField("file_size")]
    BenchDocumentsAPIViewSet.body_fields = [*DocumentsAPIViewSet.body_fields, "kind", "published_on", "file_size"]
    BenchDocumentsAPIViewSet.listing_default_fields = [
        *DocumentsAPIViewSet.listing_default_fields,
        "kind",
        "published_on",
        "file_size",
    ]


_expose_api_fields()
rest = WagtailAPIRouter("benchapi")
rest.register_endpoint("pages", BenchPagesAPIViewSet)
rest.register_endpoint("documents", BenchDocumentsAPIViewSet)

urlpatterns = [
    path("fixed/", fixed),
    path("fixed/<slug:name>/", fixed),
    path("c/home-page/", home_page),
    path("c/plan-period/", plan_period),
    path("c/document-library/", document_library),
    path("c/newsletter-content/", newsletter_content),
    path("rest/", rest.urls),
]
