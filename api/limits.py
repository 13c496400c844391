"""Limits that reject abusive GraphQL documents before anything is executed.

They run as validation rules and as a check of argument values, so a rejected
request costs parsing and validation only: no SQL.
"""

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


class MaxAliasesRule(ValidationRule):
    def __init__(self, context):
        super().__init__(context)
        self.count = 0

    def enter_field(self, node: FieldNode, *_args):
        if node.alias is not None:
            self.count += 1
            if self.count == MAX_ALIASES + 1:
                self.report_error(GraphQLError(f"Forespørgslen har for mange aliaser (højst {MAX_ALIASES})."))


class MaxRootFieldsRule(ValidationRule):
    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        fields = [s for s in node.selection_set.selections if isinstance(s, FieldNode)]
        if len(fields) > MAX_ROOT_FIELDS:
            self.report_error(
                GraphQLError(f"Forespørgslen beder om for mange felter på øverste niveau (højst {MAX_ROOT_FIELDS}).")
            )


class MaxDepthRule(ValidationRule):
    """Depth of field nesting, following fragments; introspection counts too."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args):
        fragments = {
            d.name.value: d for d in self.context.document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        depth = _depth(node.selection_set, fragments, 0, set())
        if depth > MAX_DEPTH:
            self.report_error(
                GraphQLError(f"Forespørgslen er for dybt indlejret ({depth} niveauer, højst {MAX_DEPTH}).")
            )


def _depth(selection_set, fragments, level, seen) -> int:
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


LIMIT_RULES = (MaxAliasesRule, MaxRootFieldsRule, MaxDepthRule)


def size_argument_errors(document: DocumentNode, variables: dict | None) -> list[str]:
    """Size arguments (perPage, limit, page) above their maximum or below 1, literal or variable."""
    errors: list[str] = []

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
                    number = int(value.value)
                elif isinstance(value, VariableNode):
                    number = (variables or {}).get(value.name.value)
                else:
                    continue
                if isinstance(number, int) and not 1 <= number <= SIZE_ARGUMENTS[name]:
                    errors.append(f"{name} skal ligge mellem 1 og {SIZE_ARGUMENTS[name]}.")
            visit(getattr(selection, "selection_set", None))

    for definition in document.definitions:
        visit(getattr(definition, "selection_set", None))
    return errors
