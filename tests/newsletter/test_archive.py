"""Sent issues in the API for the website's archive: nothing else, and at a flat cost."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsletter.models import IssueState, NewsletterIssue

from .conftest import confirmed_subscriber, make_issue

pytestmark = pytest.mark.django_db

ISSUES = "query Archive($limit: Int) { newsletterIssues(limit: $limit) { subject month html text webUrl sentAt } }"


def _sent(month):
    issue = make_issue(month)
    NewsletterIssue.objects.filter(pk=issue.pk).update(state=IssueState.SENT)
    return issue


def test_only_sent_issues_newest_first(graphql):
    _sent("2021-01")
    _sent("2021-03")
    make_issue("2021-04")  # approved, not sent
    make_issue("2021-05", approved=False)  # draft
    NewsletterIssue.objects.filter(month__month=4).update(state=IssueState.SENDING)
    confirmed_subscriber("beboer@example.dk")

    body = graphql(ISSUES)
    issues = body["data"]["newsletterIssues"]
    assert [i["month"] for i in issues] == ["2021-03", "2021-01"]
    first = issues[0]
    assert first["subject"] == "Nyhedsbrev 2021-03"
    assert first["webUrl"] == "https://frontend.test/nyhedsbrev/2021-03/"
    assert "Byrådet vedtager ny helhedsplan" in first["html"] and "Byrådet" in first["text"]
    # The web version carries no personal or placeholder link.
    assert "afmeld.invalid" not in first["html"] + first["text"] and "token=" not in first["html"]
    assert "beboer@example.dk" not in json.dumps(body)

    body = graphql('{ newsletterIssue(month: "2021-03") { subject } d: newsletterIssue(month: "2021-04") { subject } }')
    assert body["data"] == {"newsletterIssue": {"subject": "Nyhedsbrev 2021-03"}, "d": None}


def test_limits(graphql):
    for i in range(1, 4):
        _sent(f"2021-0{i}")
    assert len(graphql(ISSUES, {"limit": 2})["data"]["newsletterIssues"]) == 2
    body = graphql(ISSUES, {"limit": 101}, status=400)  # rejected by the API's size checks before any SQL
    assert body["errors"][0]["message"] == "limit skal ligge mellem 1 og 100."


def test_a_bad_month_is_a_clear_error(graphql):
    body = graphql('{ newsletterIssue(month: "maj") { subject } }')
    assert "ÅÅÅÅ-MM" in body["errors"][0]["message"]


def test_query_count_is_flat(client):
    counts = []
    for months in (range(1, 3), range(3, 21)):
        for n in months:
            _sent(f"{2000 + n}-01")
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                "/graphql/", json.dumps({"query": ISSUES, "variables": {"limit": 100}}), content_type="application/json"
            )
        assert response.status_code == 200
        counts.append(len(queries.captured_queries))
    assert len(response.json()["data"]["newsletterIssues"]) == 20
    assert counts[0] == counts[1] == 1
