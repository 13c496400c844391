"""C: the benchmark's hand-written floor views (cms.settings.bench only, never in production).

They return the same JSON as our GraphQL operations, from the fewest queries we
know how to write: the database-backed floor. They apply the same visibility
rules (pages.visibility) as the API, so they do the same work minus GraphQL, and
`bench.run` checks that their JSON equals the GraphQL answer.

The URLs here also serve E, the framework floor (bench/fixed.py), and B,
Wagtail's REST API (bench/rest.py).
"""

import datetime as dt
import json

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from wagtail.models import Site

from documents.choices import DocumentKind
from organisations.choices import GovernanceBodyKind, MembershipRole
from pages import selectors
from pages.choices import AmountKind, ApprovalBody, Coverage, FundingType, LbfTheme
from pages.models import FocusAreaPage, PlanPeriodHousingArea, PlanPeriodPage
from pages.richtext import frontend_path, rich_text_html
from pages.visibility import Visibility

from .fixed import fixed
from .rest import rest


def _json(data) -> HttpResponse:
    return HttpResponse(json.dumps({"data": data}, separators=(",", ":")), content_type="application/json")


def _site_root_path(request) -> str:
    site = Site.find_for_request(request)
    return site.root_page.url_path if site else "/"


def _date(value):
    return value.isoformat() if value else None


def _absolute(url: str) -> str:
    from documents.links import absolute_url

    return absolute_url(url)


def home_page(request):
    """C for HomePage: current period with focus areas and coverage, 3 news, 5 upcoming events."""
    visibility = Visibility()
    root = _site_root_path(request)
    return _json(
        {
            "currentPlanPeriod": _home_current_period(visibility, root),
            "newsItems": _home_news(visibility, root),
            "events": _home_events(visibility, root),
        }
    )


def _home_current_period(visibility, root: str) -> dict | None:
    period_id = selectors.current_plan_period_id(visibility=visibility)
    if period_id is None:
        return None
    row = PlanPeriodPage.objects.get(pk=period_id)
    focus = visibility.pages(FocusAreaPage.objects.filter(path__startswith=row.path, depth=row.depth + 1))
    coverage = PlanPeriodHousingArea.objects.filter(visibility.pages_q("housing_area__"), page_id=period_id)
    return {
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


def _home_news(visibility, root: str) -> dict:
    news = selectors.news_list(visibility=visibility).only("id", "title", "url_path", "published_date", "teaser")
    total = news.count()
    return {
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
    }


def _home_events(visibility, root: str) -> list[dict]:
    return [
        {
            "title": e.title,
            "urlPath": frontend_path(e, root),
            "startsAt": e.starts_at.isoformat(),
            "endsAt": e.ends_at.isoformat() if e.ends_at else None,
            "isCancelled": e.is_cancelled,
            "place": {"name": e.place.name, "address": e.place.address} if e.place else None,
        }
        for e in selectors.event_list(visibility=visibility)[:5]
    ]


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
    from pages.funding import funding_totals

    visibility = Visibility()
    root = _site_root_path(request)
    p = selectors.plan_period_get(visibility=visibility, slug=request.GET.get("slug", ""))
    if p is None:
        return _json({"planPeriod": None})
    current = selectors.current_plan_period_id(visibility=visibility)
    totals = funding_totals(lines=p.funding_lines.all())
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
        "focusAreas": _period_focus_areas(visibility, p, root),
        "housingAreaCoverage": [
            {"coverage": Coverage(c.coverage).name, "housingArea": _area(c.housing_area, root=root)}
            for c in p.housing_area_coverage.all()
        ],
        "fundingLines": _period_funding_lines(p),
        "localCofinancingShare": totals.local_share,
        "governanceBodies": _period_governance_bodies(p),
        "documents": [
            {"title": d.title, "kind": DocumentKind(d.kind).name, "url": _absolute(d.url)} for d in p.documents.all()
        ],
    }
    return _json({"planPeriod": data})


def _area(area, root: str | None = None) -> dict:
    """A housing area as a plan period names it; with `root`, also its path on the site."""
    out = {"title": area.title, "slug": area.slug}
    if root is not None:
        out["urlPath"] = frontend_path(area, root)
    return out


def _period_focus_areas(visibility, period, root: str) -> list[dict]:
    return [
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
                    "housingAreas": [_area(h) for h in a.housing_areas.all()],
                }
                for a in f.activities.all()
            ],
        }
        for f in _focus_areas_with_activities(visibility, period)
    ]


def _period_funding_lines(period) -> list[dict]:
    return [
        {
            "funder": {"name": line.funder.name} if line.funder else None,
            "fundingType": FundingType(line.funding_type).name,
            "amountKind": AmountKind(line.amount_kind).name,
            "amountDkk": line.amount_dkk,
            "isEstimate": line.is_estimate,
        }
        for line in period.funding_lines.all()
    ]


def _period_governance_bodies(period) -> list[dict]:
    return [
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
        for b in period.governance_bodies.all()
    ]


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


urlpatterns = [
    path("fixed/", fixed),
    path("fixed/<slug:name>/", fixed),
    path("c/home-page/", home_page),
    path("c/plan-period/", plan_period),
    path("c/document-library/", document_library),
    path("c/newsletter-content/", newsletter_content),
    path("rest/", rest.urls),
]
