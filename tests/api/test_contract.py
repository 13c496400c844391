"""Every operation of the contract validates against our schema and returns the demo data."""

import pytest
from graphql import parse, validate

from cms.schema import schema

from .conftest import contract_source

pytestmark = pytest.mark.django_db


def test_every_contract_operation_validates():
    errors = validate(schema.graphql_schema, parse(contract_source()))
    assert [error.message for error in errors] == []


def test_home_page(contract, demo):
    status, body, _ = contract("HomePage")
    assert status == 200, body
    period = body["data"]["currentPlanPeriod"]
    assert period["title"] == "Helhedsplanen 2021-2025"  # no period in force today: the latest started
    assert [f["lbfTheme"] for f in period["focusAreas"]] == [
        "EDUCATION_LIFE_CHANCES",
        "EMPLOYMENT",
        "CRIME_PREVENTION",
        "COHESION_CITIZENSHIP",
    ]
    coverage = {row["housingArea"]["slug"]: row["coverage"] for row in period["housingAreaCoverage"]}
    assert coverage["gl-jennumparken"] == "ALL" and coverage["vangdalen"] == "SELECTED"
    assert (period["status"], period["statusLabel"]) == ("ENDED", "Afsluttet")  # today is after 2025
    news = body["data"]["newsItems"]
    assert news["pagination"] == {"total": 25, "totalPages": 9, "currentPage": 1}
    assert all(item["image"]["credit"] == "Illustration" for item in news["items"])
    assert all(item["image"]["rendition"]["url"].endswith(".webp") for item in news["items"])
    events = body["data"]["events"]
    assert len(events) == 5 and all(event["title"].startswith("Eksempel") for event in events)  # dated ahead
    home = body["data"]["homePage"]
    assert home["heroTitle"] == "Boligsocial helhedsplan i Randers"
    assert [page["title"] for page in home["featured"]] == [
        "Helhedsplanen 2021-2025",
        "Al Verdens Kunst",
        "Byrådet vedtager ny helhedsplan for fem områder",
    ]
    assert home["office"]["address"] == "Flyvervej 5, st., 8930 Randers NØ"


def test_site_settings(contract, demo):
    status, body, _ = contract("SiteSettings")
    assert status == 200, body
    settings = body["data"]["siteSettings"]
    assert settings["organisationName"] == "Bysekretariatet"
    assert settings["socialLinks"] == []  # no link is known, so none is invented
    assert settings["newsletterConsentText"].startswith("Ja tak")


def test_activities(contract, demo):
    status, body, _ = contract("Activities", planPeriod=None, housingArea=None, page=1)
    assert status == 200, body
    art = next(item for item in body["data"]["activities"]["items"] if item["slug"] == "al-verdens-kunst")
    assert {(p["role"], p["organisation"]["name"]) for p in art["partners"]} == {
        ("PARTNER", "Randers Bibliotek"),
        ("FUNDER", "Slots- og Kulturstyrelsen"),
    }


def test_plan_archive(contract, demo):
    status, body, _ = contract("PlanArchive")
    assert status == 200, body
    periods = body["data"]["planPeriods"]
    assert [p["slug"] for p in periods] == [
        "helhedsplanen-2021-2025",
        "helhedsplanen-2017-2021",
        "helhedsplanen-2013-2017",
        "helhedsplanen-2009-2013",
    ]
    assert [p["isCurrent"] for p in periods] == [True, False, False, False]
    oldest = periods[-1]
    # The extended grant (21.3 m) replaces the original 16.1 m; plus ca. 7 m local co-financing.
    assert oldest["totalFundingDkk"] == 28_300_000
    assert {line["amountDkk"] for line in oldest["fundingLines"]} == {16_100_000, 7_000_000, 21_300_000}
    assert all(d["url"].startswith("http") and d["fileSize"] > 0 for p in periods for d in p["documents"])


def test_plan_period(contract, demo):
    status, body, _ = contract("PlanPeriod", slug="helhedsplanen-2017-2021")
    assert status == 200, body
    period = body["data"]["planPeriod"]
    assert period["motto"] == "Fremtiden lever her" and period["startDate"] == "2017-06-01"
    safety = next(f for f in period["focusAreas"] if f["title"] == "Tryghed og trivsel")
    assert [a["title"] for a in safety["activities"]] == ["Aktivitet til styrkelse af naboskab"]
    board = next(b for b in period["governanceBodies"] if b["kind"] == "BOARD")
    assert {m["person"]["name"] for m in board["memberships"]} == {
        "Louise Hou Kragh",
        "Michael Maaløe",
        "Ann Hermansen",
    }
    assert {d["kind"] for d in period["documents"]} >= {"PLAN", "RESULT_EVALUATION", "TERMS_OF_REFERENCE"}
    assert all(area["image"]["altText"].startswith("Tegnet illustration") for area in period["focusAreas"])

    status, body, _ = contract("PlanPeriod", slug="helhedsplanen-2021-2025")
    period = body["data"]["planPeriod"]
    assert (period["status"], period["approvalStage"]) == ("ENDED", "APPROVED")
    assert period["fundingLines"] == []  # no amount for 2021-25 is published; none is invented
    assert [(b["kind"], b["memberships"]) for b in period["governanceBodies"]] == [("BOARD", [])]
    assert {(f["label"], f["value"]) for f in period["keyFigures"]} == {("Lejemål", 2982.0), ("Beboere", 5758.0)}

    status, body, _ = contract("PlanPeriod", slug="helhedsplanen-2009-2013")
    assert body["data"]["planPeriod"]["localCofinancingShare"] == pytest.approx(7 / 28.3, abs=1e-3)

    status, body, _ = contract("PlanPeriod", slug="findes-ikke")
    assert status == 200 and body["data"]["planPeriod"] is None


def test_housing_area_and_list(contract, demo):
    status, body, _ = contract("HousingArea", slug="gl-jennumparken")
    assert status == 200, body
    area = body["data"]["housingArea"]
    assert area["classifications"][0] == {
        "listDate": "2024-12-01",
        "listType": "KOMBINERET_UDLEJNING",
        "officialAreaName": "Gammel Jennumparken",
        "verified": False,
        "criteriaMet": [],  # the source does not say which criteria; none are invented
    }
    assert [d["number"] for d in area["departments"]] == ["27", "28", "51", "56", "104"]
    assert area["departments"][-1]["organisation"] == {"name": "Lejerbo Randers"}
    assert area["keyFigures"] == [{"label": "Beboere", "value": 1270.0, "unit": "antal", "asOf": "2024-01-01"}]
    assert area["image"]["rendition"]["width"] == 1600 and area["image"]["credit"] == "Illustration"
    assert area["currentClassification"]["listType"] == "KOMBINERET_UDLEJNING"
    assert area["planPeriodCoverage"] == [
        {"coverage": "ALL", "planPeriod": {"title": "Helhedsplanen 2021-2025", "slug": "helhedsplanen-2021-2025"}}
    ]
    status, body, _ = contract("HousingAreas")
    labels = {a["slug"]: a["localStatusLabel"] for a in body["data"]["housingAreas"]}
    assert len(labels) == 5 and labels["energivej-omraadet"] == "I risikozonen"


def test_document_library_and_collection(contract, demo):
    status, body, _ = contract("DocumentLibrary", kind="RESULT_EVALUATION", planPeriod=None, page=1)
    assert status == 200, body
    documents = body["data"]["documents"]
    assert documents["pagination"]["total"] == 3
    assert all(item["kind"] == "RESULT_EVALUATION" for item in documents["items"])
    status, body, _ = contract("DocumentLibrary", kind=None, planPeriod="helhedsplanen-2013-2017", page=1)
    assert {i["planPeriod"]["slug"] for i in body["data"]["documents"]["items"]} == {"helhedsplanen-2013-2017"}
    status, body, _ = contract("DocumentCollection", slug="helhedsplaner")
    assert {d["kind"] for d in body["data"]["documentCollection"]["documents"]} == {"PLAN"}
    assert len(body["data"]["documentCollection"]["documents"]) == 4


def test_page_by_path(contract, demo):
    status, body, _ = contract("PageByPath", path="/helhedsplanen/helhedsplanen-2017-2021/")
    assert status == 200, body
    assert body["data"]["page"]["__typename"] == "PlanPeriodPage"
    assert body["data"]["page"]["motto"] == "Fremtiden lever her"
    status, body, _ = contract("PageByPath", path="/nyheder/byraadet-vedtager-ny-helhedsplan-for-fem-omraader")
    assert body["data"]["page"]["__typename"] == "NewsPage"
    assert body["data"]["page"]["publishedDate"] == "2021-03-08"
    status, body, _ = contract("PageByPath", path="/findes/ikke/")
    assert body["data"]["page"] is None


def test_search(contract, demo):
    status, body, _ = contract("Search", query="Vangdalen")
    assert status == 200, body
    assert {"title": "Vangdalen", "urlPath": "/boligomraader/vangdalen/"} in [
        {k: r.get(k) for k in ("title", "urlPath")} for r in body["data"]["search"]
    ]


def test_facebook_candidates(contract, demo):
    status, body, _ = contract("FacebookCandidates", since="2021-01-01T00:00:00Z")
    assert status == 200, body
    candidates = body["data"]["facebookCandidates"]
    titles = [c["title"] for c in candidates]
    assert titles[:2] == [
        "Byrådet vedtager ny helhedsplan for fem områder",
        "Al Verdens Kunst får tilsagn på 1.193.000 kr.",
    ]
    assert "Nye udlejningsregler og styrket brandingindsats" not in titles  # not marked for Facebook
    assert all(c["link"].startswith("https://frontend.test/") for c in candidates)


def test_newsletter_content(contract, demo):
    status, body, _ = contract(
        "NewsletterContent",
        **{
            "from": "2021-03-01T00:00:00+01:00",
            "to": "2021-04-01T00:00:00+02:00",
            "eventsFrom": "2022-04-01T00:00:00+02:00",
            "eventsTo": "2022-05-01T00:00:00+02:00",
        },
    )
    assert status == 200, body
    data = body["data"]
    assert [n["title"] for n in data["newsItems"]["items"]] == ["Byrådet vedtager ny helhedsplan for fem områder"]
    assert [e["title"] for e in data["events"]] == ["Indvielse af kunstskov og verdensmålsportaler"]
    assert data["events"][0]["place"] == {"name": "Nordre Fælled"}


def test_newsletter_mutations(contract, db, mailoutbox):
    """The signup form's three mutations, executed (validation alone passes a schema without mutations)."""
    import re
    from urllib.parse import parse_qs, urlparse

    from newsletter.links import unsubscribe_page_url
    from newsletter.models import Subscriber

    status, body, _ = contract("Subscribe", email="beboer@example.dk")
    assert status == 200, body
    assert body["data"]["subscribeToNewsletter"]["ok"] is True
    [mail] = mailoutbox
    link = re.search(r"https://frontend\.test/nyhedsbrev/bekraeft\?\S+", mail.body).group(0)

    status, body, _ = contract("Confirm", token=parse_qs(urlparse(link).query)["token"][0])
    assert body["data"]["confirmNewsletterSubscription"]["ok"] is True
    subscriber = Subscriber.objects.get(email="beboer@example.dk")
    assert subscriber.state == "confirmed"

    token = parse_qs(urlparse(unsubscribe_page_url(key=subscriber.key)).query)["token"][0]
    status, body, _ = contract("Unsubscribe", token=token)
    assert body["data"]["unsubscribeFromNewsletter"]["ok"] is True
    assert not Subscriber.objects.exists()


def test_every_contract_mutation_is_in_the_schema():
    from graphql import OperationType

    document = parse(contract_source())
    mutations = [d for d in document.definitions if getattr(d, "operation", None) == OperationType.MUTATION]
    assert {m.name.value for m in mutations} == {"Subscribe", "Confirm", "Unsubscribe"}
    mutation_type = schema.graphql_schema.mutation_type
    assert mutation_type is not None
    for operation in mutations:
        for selection in operation.selection_set.selections:
            assert selection.name.value in mutation_type.fields
