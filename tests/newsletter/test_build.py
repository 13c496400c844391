"""The monthly build reads the CMS over HTTP (live_server) and stores a draft issue."""

import datetime as dt
import json
import re
from pathlib import Path

import httpx
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from graphql import parse, print_ast
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from documents.models import PlanDocument
from newsletter import build
from newsletter.build import NewsletterBuildError, newsletter_issue_build
from newsletter.models import IssueState, NewsletterIssue
from newsletter.sending import newsletter_issue_approve
from pages.models import EventPage, NewsPage
from tests.factories import create_site_tree

CONTRACT = Path(__file__).resolve().parents[1] / "api" / "contract_jobs.graphql"
UTC = dt.UTC
# live_server needs real transactions; the serialized rollback restores Wagtail's root page afterwards.
LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)
OUT = "UDELADT"  # in the title of everything that must stay out


def _at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def _news(tree, slug, published, **kwargs):
    page = NewsPage(
        title=kwargs.pop("title", f"{OUT} {slug}"),
        slug=slug,
        teaser=f"Manchet for {slug}",
        first_published_at=published,
        published_date=published.date(),
        **kwargs,
    )
    tree["news"].add_child(instance=page)
    return page


def _event(tree, slug, starts, **kwargs):
    page = EventPage(title=kwargs.pop("title", f"{OUT} {slug}"), slug=slug, starts_at=starts, **kwargs)
    tree["events"].add_child(instance=page)
    return page


def _document(title, published_on, collection=None):
    document = PlanDocument(title=title, kind="aarsrapport", published_on=published_on)
    if collection is not None:
        document.collection = collection
    document.file.save(f"{title}.txt", ContentFile(b"x"))
    return document


@pytest.fixture
def may_2024(db):
    """May 2024's content, with everything that must stay out of its newsletter."""
    tree = create_site_tree()
    _news(tree, "med-i-maj", _at(2024, 5, 10, 9), title="Nyt legeområde i Vangdalen")
    _news(tree, "sidst-i-maj", _at(2024, 5, 31, 21, 30), title="Sidste nyhed i maj")  # 23.30 Danish time
    _news(tree, "ikke-med", _at(2024, 5, 12), include_in_newsletter=False)
    _news(tree, "april", _at(2024, 4, 30, 21, 30))  # 23.30 on 30 April in Denmark
    _news(tree, "juni", _at(2024, 5, 31, 22, 30))  # 00.30 on 1 June in Denmark
    _news(tree, "kladde", _at(2024, 5, 15), live=False)
    private = _news(tree, "privat", _at(2024, 5, 16))
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="hemmelig")

    _event(tree, "sankt-hans", _at(2024, 6, 23, 16), title="Sankt Hans i Nordbyen")
    _event(tree, "aflyst", _at(2024, 6, 10, 16), is_cancelled=True)
    _event(tree, "ikke-med-arr", _at(2024, 6, 11, 16), include_in_newsletter=False)
    _event(tree, "juli", _at(2024, 7, 2, 16))
    _event(tree, "maj-arr", _at(2024, 5, 20, 16))
    _event(tree, "kladde-arr", _at(2024, 6, 12, 16), live=False)

    _document("Årsrapport 2023", dt.date(2024, 5, 15))
    _document(f"{OUT} april", dt.date(2024, 4, 30))
    secret = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=secret, restriction_type="login")
    _document(f"{OUT} internt referat", dt.date(2024, 5, 20), collection=secret)
    return tree


@pytest.fixture
def api_url(live_server, settings):
    settings.CMS_GRAPHQL_URL = f"{live_server.url}/graphql/"
    return settings.CMS_GRAPHQL_URL


@LIVE
def test_build_reads_exactly_the_months_included_items(may_2024, api_url):
    call_command("build_newsletter", "--month", "2024-05")
    issue = NewsletterIssue.objects.get(month=dt.date(2024, 5, 1))
    assert issue.state == IssueState.DRAFT
    content = issue.content
    assert [n["title"] for n in content["news"]] == ["Sidste nyhed i maj", "Nyt legeområde i Vangdalen"]
    assert [e["title"] for e in content["events"]] == ["Sankt Hans i Nordbyen"]
    assert [d["title"] for d in content["documents"]] == ["Årsrapport 2023"]
    assert OUT not in issue.html and OUT not in issue.text and OUT not in json.dumps(content)

    assert issue.subject == "Nyhedsbrev fra Bysekretariatet – maj 2024"
    assert "Sankt Hans i Nordbyen" in issue.html and "Nyt legeområde i Vangdalen" in issue.text


@LIVE
def test_the_html_is_a_600px_table_layout_with_inlined_css_absolute_links_and_danish_dates(may_2024, api_url):
    issue = newsletter_issue_build(month=dt.date(2024, 5, 1))
    html = issue.html
    assert '<table role="presentation"' in html and 'width="600"' in html
    assert 'class="item-title"' in html and re.search(
        r'<a class="item-title"[^>]* style="[^"]*font-weight: ?bold', html
    )
    links = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert links and all(link.startswith(("https://", "http://")) for link in links), links
    assert "https://frontend.test/nyheder/med-i-maj/" in links
    assert "https://frontend.test/nyhedsbrev/2024-05/" in links  # the web version
    assert "10. maj 2024" in html and "søndag 23. juni 2024 kl. 18.00" in html  # 16.00 UTC = 18.00 in Denmark
    assert "Arrangementer i juni 2024" in html
    assert "Årsrapport" in html  # the document kind in Danish
    text = issue.text
    assert "søndag 23. juni 2024 kl. 18.00, " in text or "søndag 23. juni 2024 kl. 18.00" in text
    assert "https://frontend.test/nyheder/med-i-maj/" in text and "<" not in text.replace("<-", "")


@LIVE
def test_a_rebuild_keeps_the_intro_and_a_sent_issue_never_changes(may_2024, api_url):
    issue = newsletter_issue_build(month=dt.date(2024, 5, 1))
    issue.intro = "Kære beboere – god sommer!"
    issue.subject = "Sommernyt fra Nordbyen"
    issue.save()
    newsletter_issue_approve(issue=issue)
    NewsPage.objects.filter(slug="med-i-maj").update(title="Ny titel")

    rebuilt = newsletter_issue_build(month=dt.date(2024, 5, 1))
    assert rebuilt.pk == issue.pk and NewsletterIssue.objects.count() == 1
    rebuilt.refresh_from_db()
    assert rebuilt.intro == "Kære beboere – god sommer!" and "god sommer" in rebuilt.html
    assert rebuilt.subject == "Sommernyt fra Nordbyen"
    assert "Ny titel" in rebuilt.html
    assert rebuilt.state == IssueState.DRAFT and rebuilt.approved_at is None  # the new content needs a new approval

    NewsletterIssue.objects.filter(pk=issue.pk).update(state=IssueState.SENT)
    before = NewsletterIssue.objects.get(pk=issue.pk).html
    with pytest.raises(CommandError, match="sendt"):
        call_command("build_newsletter", "--month", "2024-05")
    assert NewsletterIssue.objects.get(pk=issue.pk).html == before


def test_the_operation_is_the_contracts(db):
    contract = parse(CONTRACT.read_text())
    [operation] = [d for d in contract.definitions if getattr(d.name, "value", "") == "NewsletterContent"]
    assert print_ast(parse(build.OPERATION)) == print_ast(operation)


def test_the_build_sends_that_operation_and_retries_server_errors(db, settings):
    requests = []
    answers = iter([httpx.Response(503), httpx.Response(502)])

    def handler(request):
        requests.append(json.loads(request.content))
        empty = {"newsItems": {"items": []}, "events": [], "documents": {"items": []}}
        return next(answers, httpx.Response(200, json={"data": empty}))

    settings.NEWSLETTER_HTTP_ATTEMPTS = 3
    content = build.newsletter_content_fetch(month=dt.date(2024, 5, 1), transport=httpx.MockTransport(handler))
    assert content == {"news": [], "events": [], "documents": []}
    assert len(requests) == 3
    assert requests[0]["query"] == build.OPERATION and requests[0]["operationName"] == "NewsletterContent"
    assert requests[0]["variables"] == {
        "from": "2024-05-01T00:00:00+02:00",
        "to": "2024-06-01T00:00:00+02:00",
        "eventsFrom": "2024-06-01T00:00:00+02:00",
        "eventsTo": "2024-07-01T00:00:00+02:00",
    }


def test_an_unreachable_api_fails_the_build_clearly(db, settings):
    def handler(request):
        raise httpx.ConnectError("forbindelse nægtet")

    settings.NEWSLETTER_HTTP_ATTEMPTS = 2
    with pytest.raises(NewsletterBuildError, match="svarede ikke"):
        newsletter_issue_build(month=dt.date(2024, 5, 1), transport=httpx.MockTransport(handler))
    assert not NewsletterIssue.objects.exists()


def test_the_default_month_is_the_one_just_ended():
    assert build.previous_month(dt.date(2024, 1, 1)) == dt.date(2023, 12, 1)
    assert build.previous_month(dt.date(2024, 3, 31)) == dt.date(2024, 2, 1)


def test_build_if_missing_never_undoes_an_approval(db, settings):
    from .conftest import make_issue

    make_issue("2024-05")
    call_command("build_newsletter", "--month", "2024-05", "--if-missing")  # no HTTP: nothing to do
    assert NewsletterIssue.objects.get().state == IssueState.APPROVED


@LIVE
def test_a_month_with_more_news_than_one_page_fails_the_build_instead_of_dropping_some(db, api_url):
    tree = create_site_tree()
    pages = [_news(tree, f"nyhed-{i}", _at(2024, 5, 2, 9, i), title=f"Nyhed {i}") for i in range(51)]

    with pytest.raises(CommandError, match="Perioden har 51 nyheder, men nyhedsbrevets forespørgsel henter højst 50"):
        call_command("build_newsletter", "--month", "2024-05")
    assert not NewsletterIssue.objects.exists()

    pages[0].delete()  # exactly one full page is all there is: nothing is left out
    issue = newsletter_issue_build(month=dt.date(2024, 5, 1))
    assert len(issue.content["news"]) == 50
