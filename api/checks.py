"""Every check of a GraphQL document before execution, in the order of their cost; none runs SQL.

The text (api/text_scan.py), then the parsed document (api/cost.py), then
graphql-core's validation, each only on what passed the one before. Parse,
measurement and validation are cached by query text: a client sends the same
few documents again and again.
"""

import json
import re
import threading
from dataclasses import dataclass

from cachetools import LRUCache
from django.conf import settings
from graphene_django.settings import graphene_settings
from graphql import OperationType, get_operation_ast, parse, validate
from graphql.error import GraphQLSyntaxError
from graphql.validation import MaxIntrospectionDepthRule, specified_rules

from .cost import Analysis, OperationLimits, analyse, operation_limits
from .limits import (
    INTROSPECTION_DISABLED_MESSAGE,
    MAX_QUERY_BYTES,
    MAX_TOKENS,
    MAX_VALIDATION_ERRORS,
    TOKENS_MESSAGE,
    VALIDATION_ABORTED_MESSAGE,
)
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
    "Validation aborted.": VALIDATION_ABORTED_MESSAGE,
    "Too many validation errors, error limit reached. Validation aborted.": VALIDATION_ABORTED_MESSAGE,
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


# A parsed document takes about 120 bytes of memory per byte of its text (tokens, nodes,
# locations), so the cache is bounded by the text it holds, not by a count: 512 texts of
# 10 kB would keep about 600 MB of trees per process and make every garbage collection
# walk them. A refused text keeps only its messages (`_forget_tree`).
PREPARED_TEXT_BYTES = 512 * 1024
_prepared_cache: LRUCache = LRUCache(maxsize=PREPARED_TEXT_BYTES, getsizeof=lambda entry: entry[0])
_prepared_lock = threading.Lock()  # gthread workers share a process


def _prepared(query: str) -> Prepared:
    """Parse and measure a query text (cached: both cost more than a small execution)."""
    with _prepared_lock:
        entry = _prepared_cache.get(query)
    if entry is not None:
        return entry[1]
    prepared = _prepare(query)
    _remember(query, prepared)
    return prepared


def _prepare(query: str) -> Prepared:
    quick = quick_limit_errors(query, sized_fields(schema.graphql_schema))
    if quick:
        return Prepared(None, tuple(quick), None)
    try:
        document = parse(query, max_tokens=MAX_TOKENS)
    except GraphQLSyntaxError as error:
        return Prepared(None, (_translated(error.message),), None)
    analysis = analyse(schema.graphql_schema, document)
    if analysis.errors:
        return Prepared(None, tuple(analysis.errors), None)  # refused: the tree is not needed again
    return Prepared(document, (), analysis)


def _remember(query: str, prepared: Prepared) -> None:
    size = len(query) if prepared.document is not None else 1 + sum(map(len, prepared.errors)) // 100
    if size <= PREPARED_TEXT_BYTES:
        with _prepared_lock:
            _prepared_cache[query] = (size, prepared)


def _forget_tree(query: str, messages: tuple[str, ...]) -> None:
    """A text validation refused: keep its messages, drop its tree."""
    _remember(query, Prepared(None, messages, None))


# Small answers by text: messages, and an operation measured with its variables.
_validations: LRUCache = LRUCache(maxsize=512)
_measurements: LRUCache = LRUCache(maxsize=512)


def _validation_errors(query: str, document) -> tuple[str, ...]:
    """The standard rules; only ever run on a document within the field and pair caps."""
    with _prepared_lock:
        messages = _validations.get(query)
    if messages is None:
        errors = validate(schema.graphql_schema, document, VALIDATION_RULES, max_errors=MAX_VALIDATION_ERRORS)
        messages = tuple(dict.fromkeys(_translated(error.message) for error in errors))
        with _prepared_lock:
            _validations[query] = messages
    return messages


def _measured(query: str, document, operation, variables: dict | None) -> OperationLimits:
    """An operation whose sizes come from variables, measured with them (a client sends the same few again)."""
    key = (query, operation.name.value if operation.name else None, json.dumps(variables, sort_keys=True))
    with _prepared_lock:
        limits = _measurements.get(key)
    if limits is None:
        limits = operation_limits(schema.graphql_schema, document, operation, variables)
        with _prepared_lock:
            _measurements[key] = limits
    return limits


def clear_prepared() -> None:
    """Forget every parsed and measured text (for tests that change the limits)."""
    with _prepared_lock:
        for cache in (_prepared_cache, _validations, _measurements):
            cache.clear()


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
        limits = _measured(query, document, operation, variables)
    if limits.errors:
        return Checked(tuple(limits.errors))
    if limits.introspection and not getattr(settings, "GRAPHQL_INTROSPECTION", True):
        return Checked((INTROSPECTION_DISABLED_MESSAGE,))
    messages = _validation_errors(query, document)
    if messages:
        _forget_tree(query, messages)
        return Checked(messages)
    if request.method == "GET" and operation.operation != OperationType.QUERY:
        return Checked(("Mutationer kræver POST med en JSON-body.",))
    return Checked(document=document, limits=limits)
