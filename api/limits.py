"""Limits that reject abusive GraphQL documents before anything is executed.

They run as validation rules and as a check of argument values, so a rejected
request costs parsing and validation only: no SQL.
"""

import re

from graphql import GraphQLError, ValidationRule
from graphql.language import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    IntValueNode,
    OperationDefinitionNode,
    VariableNode,
)

MAX_QUERY_BYTES = 10_000
MAX_TOKENS = 2_000
MAX_DEPTH = 8
MAX_ALIASES = 15
MAX_ROOT_FIELDS = 10
# Arguments whose values are sizes, and the largest value each may have.
SIZE_ARGUMENTS = {"perPage": 100, "limit": 100, "page": 10_000}
ALIASES_MESSAGE = f"Forespørgslen har for mange aliaser (højst {MAX_ALIASES})."


# String values, block strings and comments: their text is not structure. Possessive
# quantifiers, and an unterminated string runs to the end of its line (a syntax error
# either way), so crafted input costs linear time (see the ReDoS test).
_NOT_STRUCTURE = re.compile(
    r'"""(?:\\"""|[^"]|"(?!""))*+(?:"""|\Z)|"(?:[^"\\\n\r]|\\.)*+(?:"|$)|#[^\n\r]*', re.MULTILINE
)
_STRUCTURE = re.compile(r"[():]")


def alias_count_quick(query: str) -> int:
    """Aliases in a query text without parsing it: the colons outside parentheses.

    Outside parentheses (arguments, variable definitions, directive arguments) a
    colon can only follow an alias, once strings and comments are blanked out.
    graphql-core's parser takes milliseconds for a document of hundreds of
    aliases; this takes microseconds, so such documents are refused before
    parsing. tests/api/test_limits.py checks it against the parsed count.
    """
    parens = aliases = 0
    for char in _STRUCTURE.findall(_NOT_STRUCTURE.sub(" ", query)):
        if char == "(":
            parens += 1
        elif char == ")":
            parens = max(0, parens - 1)
        elif not parens:
            aliases += 1
    return aliases


def quick_limit_errors(query: str) -> list[str]:
    """Limits checked on the text itself, before the (comparatively slow) parse."""
    if alias_count_quick(query) > MAX_ALIASES:
        return [ALIASES_MESSAGE]
    return []


def _count_aliases(selection_set) -> int:
    if selection_set is None:
        return 0
    count = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode) and selection.alias is not None:
            count += 1
        count += _count_aliases(getattr(selection, "selection_set", None))
    return count


def document_limit_errors(document: DocumentNode) -> list[str]:
    """Aliases, root fields and depth, checked by a plain walk of the parsed document.

    A plain walk rather than graphql-core's visitor with type information: for an
    abusive document (hundreds of aliases) that visitor alone costs milliseconds,
    and these checks need no types.
    """
    errors: list[str] = []
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    aliases = sum(_count_aliases(d.selection_set) for d in document.definitions if hasattr(d, "selection_set"))
    if aliases > MAX_ALIASES:
        errors.append(ALIASES_MESSAGE)
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        fields = [s for s in definition.selection_set.selections if isinstance(s, FieldNode)]
        if len(fields) > MAX_ROOT_FIELDS:
            errors.append(f"Forespørgslen beder om for mange felter på øverste niveau (højst {MAX_ROOT_FIELDS}).")
        depth = _depth(definition.selection_set, fragments, 0, set())
        if depth > MAX_DEPTH:
            errors.append(f"Forespørgslen er for dybt indlejret ({depth} niveauer, højst {MAX_DEPTH}).")
    return errors


def _depth(selection_set, fragments, level, seen) -> int:
    """Depth of field nesting, following fragments; introspection counts too."""
    if selection_set is None:
        return level
    deepest = level
    for selection in selection_set.selections:
        kind = selection.kind
        if kind == "field":
            deepest = max(deepest, _depth(selection.selection_set, fragments, level + 1, seen))
        elif kind == "inline_fragment":
            deepest = max(deepest, _depth(selection.selection_set, fragments, level, seen))
        elif kind == "fragment_spread":
            name = selection.name.value
            if name in seen or name not in fragments:
                continue
            deepest = max(deepest, _depth(fragments[name].selection_set, fragments, level, seen | {name}))
    return deepest


class DocumentLimitsRule(ValidationRule):
    """`document_limit_errors` as a graphql-core validation rule, for use with `validate()`."""

    def enter_document(self, node: DocumentNode, *_args):
        for message in document_limit_errors(node):
            self.report_error(GraphQLError(message))
        return self.BREAK


LIMIT_RULES = (DocumentLimitsRule,)


def size_arguments(document: DocumentNode) -> tuple[tuple[str, int | None, str | None], ...]:
    """Every size argument (perPage, limit, page) as (name, literal value, variable name).

    Depends on the document only, so the view computes it once per query text.
    """
    found: list[tuple[str, int | None, str | None]] = []

    def visit(selection_set):
        if selection_set is None:
            return
        for selection in selection_set.selections:
            for argument in getattr(selection, "arguments", None) or ():
                name = argument.name.value
                if name not in SIZE_ARGUMENTS:
                    continue
                value = argument.value
                if isinstance(value, IntValueNode):
                    found.append((name, int(value.value), None))
                elif isinstance(value, VariableNode):
                    found.append((name, None, value.name.value))
            visit(getattr(selection, "selection_set", None))

    for definition in document.definitions:
        visit(getattr(definition, "selection_set", None))
    return tuple(found)


def size_errors(found: tuple[tuple[str, int | None, str | None], ...], variables: dict | None) -> list[str]:
    """Size arguments above their maximum or below 1, literal or from `variables`."""
    errors: list[str] = []
    for name, literal, variable in found:
        number = literal if variable is None else (variables or {}).get(variable)
        if isinstance(number, int) and not 1 <= number <= SIZE_ARGUMENTS[name]:
            errors.append(f"{name} skal ligge mellem 1 og {SIZE_ARGUMENTS[name]}.")
    return errors


def size_argument_errors(document: DocumentNode, variables: dict | None) -> list[str]:
    """Size arguments (perPage, limit, page) above their maximum or below 1, literal or variable."""
    return size_errors(size_arguments(document), variables)
