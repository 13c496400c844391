"""Limits that bound the work of a GraphQL request before anything is executed.

A request passes three stages, each bounded by the one before:

1. The text (`api/text_scan.py`): at most `MAX_QUERY_BYTES`, and its aliases counted by
   one forward scan (no regex that can backtrack), so a document of hundreds
   of aliases is refused before parsing.
2. The parsed document (`api/cost.py`, `analyse`): ONE walk over each operation and fragment,
   with fragments expanded once each (a memo per fragment), that computes the
   depth, the aliases, the root fields, the number of fields after fragment
   expansion, the work of graphql-core's overlapping-fields rule, and the COST.
   The caps on fields and on that work keep graphql-core's validation, which
   runs next, cheap.
3. The cost: every field costs 1, times the sizes of the lists around it. A list
   is as long as its size argument says (`perPage`, `limit`, `first`, with the
   request's variables, or the argument's default), or as `LIST_SIZES` declares
   for lists without one. Introspection (`__schema`, `__type` and everything
   below) has its own depth and cost bounds, with list sizes taken from the
   schema itself (the answer cannot be longer than the schema).

A refused request costs this walk only: no validation, no SQL.
"""

from .toolkit.sizes import MAX_LIST_LIMIT, MAX_PER_PAGE

MAX_QUERY_BYTES = 10_000
MAX_BODY_BYTES = MAX_QUERY_BYTES * 4  # query, variables, operation name and extensions together
MAX_TOKENS = 2_000
MAX_DEPTH = 8
MAX_ALIASES = 15
MAX_ROOT_FIELDS = 10
# Fields after fragment expansion, over the whole document: what graphql-core's validation walks.
MAX_SELECTIONS = 1_000
# Upper bound of the field comparisons graphql-core's OverlappingFieldsCanBeMerged rule makes
# (quadratic in fields that share a response name): a few µs each, so this keeps it to milliseconds;
# the contract and docs examples make none, a union with nine inline fragments a few dozen.
MAX_FIELD_PAIRS = 2_000
# The cost budget of one operation; docs/api.md lists the cost of every contract operation.
MAX_COST = 30_000
# Introspection has its own bounds: the standard query (graphql-core's get_introspection_query)
# is 15 levels deep and costs about 880,000 with this schema (list sizes are the schema's longest).
MAX_INTROSPECTION_DEPTH = 20
MAX_INTROSPECTION_COST = 2_000_000
# Nesting of fields, inline fragments and fragment spreads the walk follows at all.
MAX_NESTING = 64
# Nesting of JSON variables (lists and objects); nothing in the schema takes more than 1.
MAX_VARIABLE_NESTING = 10

# Arguments whose values are sizes, and the largest value each may have.
SIZE_ARGUMENTS = {"perPage": MAX_PER_PAGE, "limit": MAX_LIST_LIMIT, "page": 10_000}
# Of those, the ones that bound the length of a list (`page` does not).
LIST_SIZE_ARGUMENTS = ("perPage", "limit", "first", "last")
# Declared maxima of the lists that take no size argument: a planning figure for the cost,
# a few times what the content has today (a test checks every list field is sized).
# "Type.field", or "Interface.field" for every type that implements it.
LIST_SIZES = {
    "Query.planPeriods": 20,
    "Query.housingAreas": 50,
    "PageInterface.ancestors": 8,
    "ActivityPage.targetGroups": 5,
    "ActivityPage.housingAreas": 10,
    "ActivityPage.focusAreas": 10,
    "ActivityPage.body": 30,
    "DocumentCollectionPage.documents": 100,
    "EventPage.body": 30,
    "FocusAreaPage.body": 30,
    "FocusAreaPage.activities": 20,
    "HousingAreaPage.housingOrganisations": 5,
    "HousingAreaPage.classifications": 10,
    "HousingAreaPage.planPeriodCoverage": 10,
    "HousingAreaPage.body": 30,
    "NewsPage.body": 30,
    "PlanPeriodPage.body": 30,
    "PlanPeriodPage.approvals": 10,
    "PlanPeriodPage.focusAreas": 10,
    "PlanPeriodPage.housingAreaCoverage": 50,
    "PlanPeriodPage.fundingLines": 30,
    "PlanPeriodPage.governanceBodies": 10,
    "PlanPeriodPage.documents": 100,
    "GovernanceBody.memberships": 30,
    "ActivityPage.partners": 5,
    "ActivityPage.fundingLines": 10,
    "EventPage.housingAreas": 10,
    "EventPage.organisers": 5,
    "EventPage.targetGroups": 10,
    "NewsPage.planPeriods": 5,
    "NewsPage.housingAreas": 10,
    "HomePage.featured": 10,
    "ContactPoint.openingHours": 7,
    "HousingAreaPage.departments": 10,
    "HousingAreaPage.keyFigures": 10,
    "PlanPeriodPage.keyFigures": 10,
    "AreaClassification.criteriaMet": 10,
    "SiteSettings.socialLinks": 10,
}
# For a list the table does not know (a new field, until it is declared): the largest size argument.
DEFAULT_LIST_SIZE = 100
# A field with a size argument that returns a page object (`newsItems(perPage:)`): the page's list.
PAGE_ITEMS_FIELD = "items"
INTROSPECTION_ROOT_FIELDS = frozenset({"__schema", "__type"})

TOKENS_MESSAGE = f"Forespørgslen er for stor (over {MAX_TOKENS} tokens)."
ALIASES_MESSAGE = f"Forespørgslen har for mange aliaser (højst {MAX_ALIASES})."
UNTERMINATED_STRING_MESSAGE = "Syntaksfejl: en tekst i anførselstegn slutter ikke, før linjen eller forespørgslen gør."
INVALID_CHARACTER_MESSAGE = "Forespørgslen indeholder et ugyldigt tegn (NUL eller en enlig surrogat) i en tekst."
VALIDATION_ABORTED_MESSAGE = "For mange fejl i forespørgslen; kontrollen blev afbrudt."
MAX_VALIDATION_ERRORS = 20  # graphql-core stops there and says so
INTROSPECTION_DISABLED_MESSAGE = "Introspektion (__schema, __type) er slået fra på denne server."


def shown(number: int) -> str:
    """A number for a message: astronomically large ones (fragment bombs) are not printed whole."""
    return str(number) if number < 10**12 else "over 10^12"


def too_many_fields_message(count: str) -> str:
    return f"Forespørgslen har for mange felter ({count}, når fragmenterne er foldet ud; højst {MAX_SELECTIONS})."


def too_many_pairs_message(count: str) -> str:
    return (
        "Forespørgslen gentager de samme felter for mange gange: at kontrollere den kræver "
        f"{count} sammenligninger (højst {MAX_FIELD_PAIRS})."
    )


def too_expensive_message(cost: str) -> str:
    return (
        f"Forespørgslen er for dyr: den kan koste {cost} point, og grænsen er {MAX_COST} "
        "(hvert felt koster 1 gange længden af de lister, det står i)."
    )
