"""Every check of a GraphQL document before execution, in the order of their cost; none runs SQL.

The text (api/text_scan.py), then the parsed document (api/cost.py), then
graphql-core's validation, each only on what passed the one before. Parse,
measurement and validation are cached by query text: a client sends the same
few documents again and again.
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from graphene_django.settings import graphene_settings
from graphql import OperationType, get_operation_ast, parse, validate
from graphql.error import GraphQLSyntaxError
from graphql.validation import MaxIntrospectionDepthRule, specified_rules

from .cost import Analysis, OperationLimits, analyse, operation_limits
from .limits import INTROSPECTION_DISABLED_MESSAGE, MAX_QUERY_BYTES, MAX_TOKENS, TOKENS_MESSAGE
from .sized_fields import sized_fields
from .text_bound import quick_limit_errors

# The schema composed in cms/schema.py, named in settings.GRAPHENE: api never imports the layer above it.
schema = graphene_settings.SCHEMA

# graphql-core's `rules=` replaces the standard rules, so they are listed first.
VALIDATION_RULES = (*specified_rules, MaxIntrospectionDepthRule)
SUGGESTION = re.compile(r"\s*Did you mean .*\?$", re.DOTALL)
TOO_LARGE = f"Forespørgslen er for stor (højst {MAX_QUERY_BYTES} bytes)."
# graphql-core's own refusals that quote nothing from the document, in Danish.
TRANSLATIONS = {
    "Validation aborted.": "For mange fejl i forespørgslen; kontrollen blev afbrudt.",
    "Too many validation errors, error limit reached. Validation aborted.": (
        "For mange fejl i forespørgslen; kontrollen blev afbrudt."
    ),
}
TOKENS = re.compile(r"Document contains more than \d+ tokens")
NESTED = re.compile(r"Document is nested too deeply")


def _translated(message: str) -> str:
    """graphql-core's English messages that quote nothing, in Danish; hints with schema names removed."""
    if TOKENS.search(message):
        return TOKENS_MESSAGE
    if NESTED.search(message):
        return "Forespørgslen er for dybt indlejret."
    return TRANSLATIONS.get(message, SUGGESTION.sub("", message))


@dataclass(frozen=True)
class Prepared:
    """A query text, parsed and measured: its document, its document-wide refusals, its analysis."""

    document: object | None
    errors: tuple[str, ...]
    analysis: Analysis | None


@lru_cache(maxsize=512)
def _prepared(query: str) -> Prepared:
    """Parse and measure a query text (cached: both cost more than a small execution)."""
    quick = quick_limit_errors(query, sized_fields(schema.graphql_schema))
    if quick:
        return Prepared(None, tuple(quick), None)
    try:
        document = parse(query, max_tokens=MAX_TOKENS)
    except GraphQLSyntaxError as error:
        return Prepared(None, (_translated(error.message),), None)
    analysis = analyse(schema.graphql_schema, document)
    return Prepared(document, tuple(analysis.errors), analysis)


@lru_cache(maxsize=512)
def _validation_errors(query: str) -> tuple[str, ...]:
    """The standard rules; only ever run on a document within the field and pair caps."""
    document = _prepared(query).document
    errors = validate(schema.graphql_schema, document, VALIDATION_RULES, max_errors=20)
    return tuple(dict.fromkeys(_translated(error.message) for error in errors))


@lru_cache(maxsize=512)
def _measured(query: str, operation_name: str | None, variables_json: str) -> OperationLimits:
    """An operation whose sizes come from variables, measured with them (a client sends the same few again)."""
    document = _prepared(query).document
    operation = get_operation_ast(document, operation_name)
    return operation_limits(schema.graphql_schema, document, operation, json.loads(variables_json))


def clear_prepared() -> None:
    """Forget every parsed and measured text (for tests that change the limits)."""
    for cached in (_prepared, _measured, _validation_errors):
        cached.cache_clear()


@dataclass(frozen=True)
class Checked:
    """The outcome of every check before execution: either refusal messages or what to execute."""

    errors: tuple[str, ...] = ()
    document: object | None = None
    limits: OperationLimits | None = None


def check(request, query: str, variables: dict | None, operation_name: str | None) -> Checked:
    """Every limit and the validation, in the order of their cost; nothing here runs SQL."""
    if len(query.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        return Checked((TOO_LARGE,))
    prepared = _prepared(query)
    if prepared.errors:
        return Checked(prepared.errors)
    document = prepared.document
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        name = f"'{operation_name}'" if operation_name else "uden navn"
        return Checked((f"Forespørgslen {name} findes ikke i dokumentet.",))
    limits = prepared.analysis.operations.get(operation.name.value if operation.name else None)
    if limits is None or limits.variable_sizes:
        limits = _measured(query, operation_name, json.dumps(variables, sort_keys=True))
    if limits.errors:
        return Checked(tuple(limits.errors))
    if limits.introspection and not getattr(settings, "GRAPHQL_INTROSPECTION", True):
        return Checked((INTROSPECTION_DISABLED_MESSAGE,))
    messages = _validation_errors(query)
    if messages:
        return Checked(messages)
    if request.method == "GET" and operation.operation != OperationType.QUERY:
        return Checked(("Mutationer kræver POST med en JSON-body.",))
    return Checked(document=document, limits=limits)
