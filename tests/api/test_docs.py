"""docs/api.md is checked against the API, not only validated: every example runs against
the demo content through /graphql/ and shows the data it is meant to show, and every
error message the guide quotes is the one the API answers."""

import json
import re
from pathlib import Path

import pytest
from graphql import OperationDefinitionNode, parse, validate

from cms.schema import schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
TEXT = DOC.read_text()
EXAMPLES = re.findall(r"```graphql\n(.*?)```", TEXT, re.DOTALL)

pytestmark = pytest.mark.django_db


def test_the_guide_has_examples():
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_each_example_validates(example):
    errors = validate(schema.graphql_schema, parse(example))
    assert [error.message for error in errors] == []


# --- every example runs against the demo content ---------------------------------------

NEWS_SLUG = "byraadet-vedtager-ny-helhedsplan-for-fem-omraader"

# Operation name (None: the anonymous one) -> variables. Values that need the database are
# made in `_variables`.
VARIABLES = {
    "PlanPeriod": {"slug": "helhedsplanen-2009-2013"},
    "HousingArea": {"slug": "gl-jennumparken"},
    "News": {"area": None},
    "Activities": {"area": None, "group": None},
    "PageByPath": {"path": f"/nyheder/{NEWS_SLUG}/"},
    "Search": {"query": "Nordbyen"},  # matches without stemming, so on SQLite too
    "Subscribe": {"email": "docs-eksempel@example.dk"},
    "Confirm": {"token": "ikke-et-token"},
    "Unsubscribe": {"token": "ikke-et-token"},
}

# Operation name -> paths (dotted; "[]" walks every item of a list) that must not be empty or null.
MEANT_TO_SHOW = {
    "Home": [
        "homePage.heroTitle",
        "homePage.featured",
        "homePage.office.name",
        "currentPlanPeriod.title",
        "newsItems.items",
        "newsItems.items.[].image.rendition.url",
        "events",  # the demo's example events always lie ahead
        "events.[].image.rendition.url",
    ],
    "SiteSettings": ["siteSettings.organisationName", "siteSettings.newsletterConsentText"],
    "PlanPeriod": [
        "planPeriod.focusAreas",
        "planPeriod.focusAreas.[].image.rendition.url",
        "planPeriod.fundingLines",
        "planPeriod.title",
        "planPeriod.documents",
    ],
    "HousingArea": [
        "housingArea.image.rendition.srcSet",
        "housingArea.departments",
        "housingArea.keyFigures",
        "housingArea.classifications",
    ],
    "News": ["newsItems.items", "newsItems.items.[].image.rendition.url"],  # page 2 of 25 items
    "Activities": ["activities.items", "activities.items.[].focusAreas"],
    None: ["documents.items", "documents.items.[].planPeriod.slug"],
    "PageByPath": ["page.title", "page.ancestors", "page.body"],
    "Search": ["search"],
    "Preview": ["previewPage.title"],
    "ConsentText": ["newsletterConsentText"],
    "Subscribe": ["subscribeToNewsletter.message"],
    "Confirm": ["confirmNewsletterSubscription.message"],
    "Unsubscribe": ["unsubscribeFromNewsletter.message"],
}


def _operations():
    for index, example in enumerate(EXAMPLES):
        for definition in parse(example).definitions:
            if isinstance(definition, OperationDefinitionNode):
                name = definition.name.value if definition.name else None
                yield pytest.param(index, name, id=f"example-{index}-{name or 'anonymous'}")


def _values(data, path: str) -> list:
    """The values at `path`; "[]" fans out over a list."""
    values = [data]
    for part in path.split("."):
        values = [item for value in values for item in value] if part == "[]" else [value[part] for value in values]
    return values


def _post(client, query, variables, operation_name):
    payload = {"query": query, "variables": variables, "operationName": operation_name}
    response = client.post("/graphql/", json.dumps(payload), content_type="application/json")
    return response.status_code, response.json()


def _variables(name):
    if name == "Preview":
        from pages.models import NewsPage
        from pages.preview import preview_token_create

        page = NewsPage.objects.get(slug=NEWS_SLUG)
        page.title = "Kladde til en nyhed"
        return {"token": preview_token_create(revision=page.save_revision())}
    return VARIABLES.get(name, {})


@pytest.mark.parametrize(("index", "name"), list(_operations()))
def test_each_example_answers_with_the_data_it_shows(client, demo, index, name):
    status, body = _post(client, EXAMPLES[index], _variables(name), name)
    assert status == 200 and "errors" not in body, body
    assert name in MEANT_TO_SHOW, f"say in MEANT_TO_SHOW what example {name} is meant to show"
    for path in MEANT_TO_SHOW[name]:
        values = _values(body["data"], path)
        assert values and all(value not in (None, "", [], {}) for value in values), (path, body["data"])


def test_the_news_example_has_a_second_page(client, demo):
    index = next(i for i, example in enumerate(EXAMPLES) if "query News(" in example)
    _, body = _post(client, EXAMPLES[index], VARIABLES["News"], "News")
    pagination = body["data"]["newsItems"]["pagination"]
    assert pagination["currentPage"] == 2 and pagination["total"] >= 25 and pagination["hasNextPage"]


def test_date_times_are_utc_as_the_guide_says(client, demo):
    """One choice, made everywhere: the API answers UTC with +00:00, and the guide says so."""
    assert "ISO 8601 in UTC with an explicit `+00:00` offset" in TEXT
    index = next(i for i, example in enumerate(EXAMPLES) if "query Home" in example)
    _, body = _post(client, EXAMPLES[index], {}, "Home")
    starts = [event["startsAt"] for event in body["data"]["events"]]
    assert starts and all(value.endswith("+00:00") for value in starts), starts


def test_the_current_period_says_it_has_ended(client, demo):
    """Today (after 2025) no period is in force: the Home example says so honestly."""
    index = next(i for i, example in enumerate(EXAMPLES) if "query Home" in example)
    _, body = _post(client, EXAMPLES[index], {}, "Home")
    period = body["data"]["currentPlanPeriod"]
    assert (period["title"], period["status"], period["statusLabel"]) == (
        "Helhedsplanen 2021-2025",
        "ENDED",
        "Afsluttet",
    )


# --- every documented error message is the API's answer -----------------------------------

ERRORS_SECTION = TEXT.split("## Errors", 1)[1].split("\n## ", 1)[0]
LIMITS_SECTION = TEXT.split("## Limits", 1)[1].split("\n## ", 1)[0]
PREVIEW_SECTION = TEXT.split("## Preview of drafts", 1)[1].split("\n## ", 1)[0]
DOCUMENTED = sorted(
    set(
        re.findall(r"`([^`{]*[.…])`", ERRORS_SECTION)
        + re.findall(r"`([^`{]*[.…])`", LIMITS_SECTION)
        + re.findall(r"`(Linket[^`]*)`", PREVIEW_SECTION)
    )
)


def _message(response) -> str:
    return response.json()["errors"][0]["message"]


def _messages(response) -> list[str]:
    return [error["message"] for error in response.json()["errors"]]


def _post_body(client, body: bytes | str):
    return client.post("/graphql/", body, "application/json")


def _deep_introspection(levels: int) -> str:
    nested = "name"
    for _ in range(levels):
        nested = f"ofType {{ {nested} }}"
    return f"{{ __schema {{ queryType {{ fields {{ type {{ {nested} }} }} }} }} }}"


def _many_fields_after_expansion() -> str:
    """256 spreads of a 5-field fragment: 1,280 fields once expanded, in a few hundred bytes of text."""
    return (
        "{ planPeriods { ...A } } "
        "fragment A on PlanPeriodPage { ...B ...B ...B ...B } "
        "fragment B on PlanPeriodPage { ...C ...C ...C ...C } "
        "fragment C on PlanPeriodPage { ...D ...D ...D ...D } "
        "fragment D on PlanPeriodPage { ...E ...E ...E ...E } "
        "fragment E on PlanPeriodPage { id title slug motto teaser }"
    )


def _graphql(client, query, variables=None):
    return client.post("/graphql/", json.dumps({"query": query, "variables": variables or {}}), "application/json")


def _deep_query() -> str:
    """Nine levels: page, seven parents, title."""
    return '{ page(urlPath: "/") { ' + "parent { " * 7 + "title" + " }" * 7 + " } }"


def _token(site_tree, settings, *, expired: bool) -> str:
    from pages.models import NewsPage
    from pages.preview import preview_token_create

    page = site_tree["news"].add_child(instance=NewsPage(title="Kladde", slug="kladde", live=False))
    token = preview_token_create(revision=page.save_revision())
    if expired:
        settings.PREVIEW_TOKEN_MAX_AGE = 0  # every token is older than zero seconds
        return token
    return token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")


CASES = {
    "POST-forespørgsler skal have Content-Type: application/json.": lambda client, **_: client.post(
        "/graphql/", {"query": "{ planPeriods { title } }"}
    ),
    "Forespørgslen 'X' findes ikke i dokumentet.": lambda client, **_: client.post(
        "/graphql/",
        json.dumps({"query": "query A { planPeriods { title } }", "operationName": "X"}),
        "application/json",
    ),
    "Forespørgslen er for dybt indlejret (9 niveauer, højst 8).": lambda client, **_: _graphql(client, _deep_query()),
    "perPage skal ligge mellem 1 og 100.": lambda client, **_: _graphql(
        client, "{ newsItems(perPage: 101) { items { title } } }"
    ),
    "limit skal ligge mellem 1 og 100.": lambda client, **_: _graphql(client, "{ events(limit: 101) { title } }"),
    "page skal ligge mellem 1 og 10000.": lambda client, **_: _graphql(
        client, "{ newsItems(page: 0) { items { title } } }"
    ),
    "Forespørgslens body er ikke gyldig UTF-8.": lambda client, **_: _post_body(client, b'{"query": "\xff"}'),
    "… ikke gyldig JSON.": lambda client, **_: _post_body(client, '{"query": '),
    "… skal være et JSON-objekt …": lambda client, **_: _post_body(client, "[1, 2]"),
    "Forespørgslen er for stor: body må højst fylde 40000 bytes.": lambda client, **_: _post_body(
        client, json.dumps({"query": "{ planPeriods { title } }", "variables": {"x": "y" * 40_000}})
    ),
    "query skal være en tekst (en GraphQL-forespørgsel).": lambda client, **_: _post_body(client, '{"query": 123}'),
    "variables skal være et JSON-objekt.": lambda client, **_: _post_body(
        client, json.dumps({"query": "{ planPeriods { title } }", "variables": [1]})
    ),
    "variables og extensions må højst være indlejret 10 niveauer.": lambda client, **_: _post_body(
        client, '{"query": "{ planPeriods { title } }", "variables": {"a": ' + "[" * 12 + "]" * 12 + "}}"
    ),
    "Forespørgslen indeholder et ugyldigt tegn (NUL eller en enlig surrogat) i en tekst.": lambda client, **_: _graphql(
        client, "query($q: String!) { search(query: $q) { __typename } }", {"q": "bolig\u0000"}
    ),
    "Syntaksfejl: en tekst i anførselstegn slutter ikke, før linjen eller forespørgslen gør.": lambda client, **_: (
        _graphql(client, '{ search(query: "bolig) { __typename } }')
    ),
    "For mange fejl i forespørgslen; kontrollen blev afbrudt.": lambda client, **_: _graphql(
        client, "{ planPeriods { " + " ".join(f"unknown{i}" for i in range(25)) + " } }"
    ),
    "Forespørgslen er for stor (højst 10000 bytes).": lambda client, **_: _graphql(client, OVER_BYTES),
    "Forespørgslen er for stor (over 2000 tokens).": lambda client, **_: _graphql(client, OVER_TOKENS),
    "Forespørgslen har for mange aliaser (højst 15).": lambda client, **_: _graphql(
        client, "{ " + " ".join(f"a{i}: planPeriods {{ title }}" for i in range(16)) + " }"
    ),
    "Forespørgslen har for mange felter (…, når fragmenterne er foldet ud; højst 1000).": lambda client, **_: _graphql(
        client, _many_fields_after_expansion()
    ),
    "Forespørgslen gentager de samme felter for mange gange: …": lambda client, **_: _graphql(
        client, "{ planPeriods { " + " ".join(["title"] * 80) + " } }"
    ),
    "Forespørgslen beder om for mange felter på øverste niveau (højst 10).": lambda client, **_: _graphql(
        client, "{ " + " ".join(f"a{i}: planPeriods {{ title }}" for i in range(11)) + " }"
    ),
    "Forespørgslen er for dyr: den kan koste … point, og grænsen er 30000 …": lambda client, **_: _graphql(
        client,
        "{ newsItems(perPage: 100) { items { parent { children(limit: 100) "
        "{ parent { children(limit: 100) { ancestors { title } } } } } } } }",
    ),
    "Introspektionen er for dybt indlejret …": lambda client, **_: _graphql(client, _deep_introspection(20)),
    "Introspektionen er for dyr …": lambda client, **_: _graphql(
        client, "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    ),
    "Introspektion (__schema, __type) er slået fra på denne server.": lambda client, settings, **_: (
        setattr(settings, "GRAPHQL_INTROSPECTION", False) or _graphql(client, "{ __schema { queryType { name } } }")
    ),
    "Linket til forhåndsvisningen er ugyldigt.": lambda client, site_tree, settings: _graphql(
        client,
        "query($t: String!) { previewPage(token: $t) { title } }",
        {"t": _token(site_tree, settings, expired=False)},
    ),
    "Linket til forhåndsvisningen er udløbet. …": lambda client, site_tree, settings: _graphql(
        client,
        "query($t: String!) { previewPage(token: $t) { title } }",
        {"t": _token(site_tree, settings, expired=True)},
    ),
}
# The size limit has two causes; each must answer the documented text.
SIZE_MESSAGE = "Forespørgslen er for stor …"
OVER_BYTES = "{ planPeriods { title } }" + " " * 10_001
OVER_TOKENS = "{ planPeriods { " + " ".join(["t"] * 2100) + " } }"  # under the byte limit


def test_every_documented_message_has_a_case():
    assert set(DOCUMENTED) - set(CASES) == set(), DOCUMENTED
    # `limit` answers like `perPage`, which the guide shows for both.
    assert set(CASES) - set(DOCUMENTED) == {"limit skal ligge mellem 1 og 100."}


def _says(answered: str, message: str) -> bool:
    """The documented text, where "…" stands for the part that depends on the request."""
    position = 0
    for part in (part.strip() for part in message.split("…")):
        found = answered.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return message.startswith("…") or answered.startswith(message.split("…")[0].strip())


@pytest.mark.parametrize("message", sorted(CASES))
def test_each_documented_error_is_what_the_api_answers(client, site_tree, settings, message):
    response = CASES[message](client, site_tree=site_tree, settings=settings)
    assert response.status_code in (200, 400, 413), response.content
    answers = _messages(response)
    if "…" in message:
        assert any(_says(answered, message) for answered in answers), answers
    else:
        assert message in answers, answers


def test_an_oversized_query_answers_the_documented_text(client, site_tree):
    assert _message(_graphql(client, OVER_BYTES)).startswith(SIZE_MESSAGE.rstrip("… "))


def test_too_many_tokens_answer_the_documented_text(client, site_tree):
    assert len(OVER_TOKENS.encode()) < 10_000
    assert _message(_graphql(client, OVER_TOKENS)).startswith(SIZE_MESSAGE.rstrip("… "))


def test_the_internal_error_text_is_the_documented_one():
    """The answer itself is checked in tests/api/test_limits.py (test_internal_errors_do_not_leak)."""
    from api.views import INTERNAL_ERROR

    assert f'{{"message": "{INTERNAL_ERROR}"}}' in ERRORS_SECTION
