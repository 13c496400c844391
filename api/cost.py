"""The second and third stages of the limits (api/limits.py): one walk over a parsed document.

The walk expands each fragment once per page size (a memo), so a document of
doubling fragments costs its length, not its expansion. It yields the depth, the
aliases, the root fields, the fields after expansion, the comparisons graphql-core's
overlapping-fields rule will make, and the cost. Limits are read from `limits` when
used, so a test can lift one.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from graphql import (
    GraphQLSchema,
    get_named_type,
    get_nullable_type,
    is_abstract_type,
    is_composite_type,
    is_list_type,
    value_from_ast_untyped,
)
from graphql.language import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    NullValueNode,
    ObjectValueNode,
    OperationDefinitionNode,
    StringValueNode,
    VariableNode,
)

from . import limits
from .text_scan import BAD_CHARACTER


@dataclass
class _Summary:
    """What a selection set adds up to, relative to where it stands."""

    cost: int = 0
    depth: int = 0
    fields: int = 0  # after fragment expansion
    top: int = 0  # fields at this level, after expansion of spreads and inline fragments
    meta_cost: int = 0  # introspection
    meta_depth: int = 0
    # response name -> [sum of subtree sizes, sum of their squares]: this level's fields, for the pair bound
    names: dict = field(default_factory=dict)

    def add(self, other: "_Summary", *, times: int = 1) -> None:
        self.cost += other.cost * times
        self.depth = max(self.depth, other.depth)
        self.fields += other.fields * times
        self.top += other.top * times
        self.meta_cost += other.meta_cost * times
        self.meta_depth = max(self.meta_depth, other.meta_depth)
        for name, (total, squares) in other.names.items():
            entry = self.names.setdefault(name, [0, 0])
            entry[0] += total * times
            entry[1] += squares * times


@dataclass
class OperationLimits:
    name: str | None
    cost: int
    depth: int
    root_fields: int
    introspection_cost: int
    introspection_depth: int
    introspection: bool  # asks __schema or __type
    variable_sizes: bool  # its cost depends on the request's variables
    errors: list[str]


@dataclass
class Analysis:
    fields: int  # after fragment expansion, all operations and fragments
    field_pairs: int
    aliases: int
    operations: dict[str | None, OperationLimits]
    errors: list[str]  # of the document as a whole; each operation has its own too


class _Walk:
    """One walk over a document: each fragment is expanded once per page size (memo)."""

    def __init__(self, schema: GraphQLSchema, document: DocumentNode, variables: dict | None):
        self.schema = schema
        self.variables = variables
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.memo: dict[tuple[str, int | None, bool], _Summary] = {}
        self.in_progress: set[str] = set()
        self.used: set[str] = set()
        self.counted: set[str] = set()  # fragments whose aliases are counted (each fragment's once)
        self.count_aliases = True
        self.unknown: dict[str, None] = {}  # graphql-core's own words, found here so validation need not run
        self.pairs = 0
        self.aliases = 0
        self.too_nested = False
        self.size_errors: set[str] = set()
        self.invalid_string = False
        self.variable_sizes = False
        self.defaults: dict[str, object] = {}

    # -- selection sets

    def selection_set(self, node, parent_type, page_size, nesting, meta) -> _Summary:
        summary = _Summary()
        if node is None:
            return summary
        if nesting > limits.MAX_NESTING:
            self.too_nested = True
            return summary
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                summary.add(self.field(selection, parent_type, page_size, nesting, meta))
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner_type = self.schema.get_type(condition.name.value) if condition else parent_type
                summary.add(self.selection_set(selection.selection_set, inner_type, page_size, nesting + 1, meta))
            elif isinstance(selection, FragmentSpreadNode):
                summary.add(self.fragment(selection.name.value, page_size, nesting + 1, meta))
        # graphql-core compares every two fields of this level that share a response name, and
        # each comparison recurses into both: at most size(a) * size(b) steps.
        for total, squares in summary.names.values():
            self.pairs += (total * total - squares) // 2
        return summary

    def fragment(self, name, page_size, nesting, meta) -> _Summary:
        definition = self.fragments.get(name)
        if definition is None or name in self.in_progress:
            return _Summary()  # unknown or cyclic: validation reports it
        key = (name, page_size, meta)
        if key not in self.memo:
            self.used.add(name)
            self.in_progress.add(name)
            counting, self.count_aliases = self.count_aliases, self.count_aliases and name not in self.counted
            self.counted.add(name)
            fragment_type = self.schema.get_type(definition.type_condition.name.value)
            self.memo[key] = self.selection_set(definition.selection_set, fragment_type, page_size, nesting, meta)
            self.in_progress.discard(name)
            self.count_aliases = counting
        return self.memo[key]

    def field(self, node: FieldNode, parent_type, page_size, nesting, meta) -> _Summary:
        name = node.name.value
        if node.alias is not None and self.count_aliases:
            self.aliases += 1
        definition = getattr(parent_type, "fields", {}).get(name) if parent_type is not None else None
        is_meta = meta
        if name in limits.INTROSPECTION_ROOT_FIELDS and parent_type is self.schema.query_type:
            is_meta, definition = True, _META_FIELDS[name]  # not among the query type's own fields
        if definition is None and name != "__typename" and is_composite_type(parent_type):
            self.unknown.setdefault(f"Cannot query field '{name}' on type '{parent_type.name}'.")
        self.arguments(node, definition)
        field_type = definition.type if definition is not None else None
        child_type = get_named_type(field_type) if field_type is not None else None
        size = self.size_argument(node, definition)
        times, child_page_size = 1, None
        if field_type is not None and is_list_type(get_nullable_type(field_type)):
            if size is not None:
                times = size
            elif name == limits.PAGE_ITEMS_FIELD and page_size is not None:
                times = page_size
            else:
                times = self.declared_size(parent_type, name, meta=is_meta)
        elif size is not None:
            child_page_size = size  # a page object: its `items` are this long
        child = self.selection_set(node.selection_set, child_type, child_page_size, nesting + 1, is_meta)
        summary = _Summary(top=1, fields=1 + child.fields)
        if is_meta:
            summary.meta_cost = 1 + child.meta_cost * times
            summary.meta_depth = 1 + child.meta_depth
        else:
            summary.cost = 1 + child.cost * times
            summary.depth = 1 + child.depth
            summary.meta_cost = child.meta_cost * times
        response_name = node.alias.value if node.alias is not None else name
        size_of = 1 + child.fields
        summary.names = {response_name: [size_of, size_of * size_of]}
        return summary

    # -- arguments

    def arguments(self, node: FieldNode, definition) -> None:
        for argument in node.arguments:
            if self._invalid_string(argument.value):
                self.invalid_string = True
            name = argument.name.value
            if name in limits.SIZE_ARGUMENTS:
                value = self.value_of(argument.value)
                explicit_null = isinstance(argument.value, NullValueNode) or (
                    isinstance(argument.value, VariableNode)
                    and self.variables is not None
                    and argument.value.name.value in self.variables
                    and self.variables[argument.value.name.value] is None
                )
                is_int = isinstance(value, int) and not isinstance(value, bool)
                if explicit_null or (is_int and not 1 <= value <= limits.SIZE_ARGUMENTS[name]):
                    self.size_errors.add(f"{name} skal ligge mellem 1 og {limits.SIZE_ARGUMENTS[name]}.")

    def size_argument(self, node: FieldNode, definition) -> int | None:
        """The list length a size argument sets, or None when the field has none."""
        if definition is None:
            return None
        for name in limits.LIST_SIZE_ARGUMENTS:
            if name not in definition.args:
                continue
            written = next((a.value for a in node.arguments if a.name.value == name), None)
            value = self.value_of(written) if written is not None else None
            if value is None:
                default = definition.args[name].default_value
                value = default if isinstance(default, int) else None
            maximum = limits.SIZE_ARGUMENTS.get(name, limits.DEFAULT_LIST_SIZE)
            if not isinstance(value, int) or isinstance(value, bool):
                return maximum  # unknown (e.g. a string: validation refuses it) counts as the largest
            return max(0, min(value, maximum))
        return None

    def value_of(self, value):
        if isinstance(value, IntValueNode):
            return int(value.value)
        if isinstance(value, VariableNode):
            name = value.name.value
            self.variable_sizes = True
            if self.variables is not None and self.variables.get(name) is not None:
                return self.variables[name]
            return self.defaults.get(name)
        return None

    @staticmethod
    def _invalid_string(value) -> bool:
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, StringValueNode):
                if BAD_CHARACTER.search(item.value):
                    return True
            elif isinstance(item, ListValueNode):
                stack.extend(item.values)
            elif isinstance(item, ObjectValueNode):
                stack.extend(f.value for f in item.fields)
        return False

    # -- list sizes

    def declared_size(self, parent_type, name: str, *, meta: bool) -> int:
        if parent_type is None:
            return limits.DEFAULT_LIST_SIZE
        if meta:
            return _introspection_sizes(self.schema).get(f"{parent_type.name}.{name}", limits.DEFAULT_LIST_SIZE)
        size = limits.LIST_SIZES.get(f"{parent_type.name}.{name}")
        if size is not None:
            return size
        for interface in getattr(parent_type, "interfaces", ()):
            size = limits.LIST_SIZES.get(f"{interface.name}.{name}")
            if size is not None:
                return size
        return limits.DEFAULT_LIST_SIZE

    # -- operations

    def operation(self, definition: OperationDefinitionNode) -> OperationLimits:
        # Fragments are expanded again per operation: their sizes may come from its variables.
        self.memo, self.in_progress = {}, set()
        self.size_errors, self.invalid_string, self.variable_sizes = set(), False, False
        self.defaults = {}
        for variable in definition.variable_definitions:
            if variable.default_value is not None:
                if self._invalid_string(variable.default_value):
                    self.invalid_string = True
                self.defaults[variable.variable.name.value] = value_from_ast_untyped(variable.default_value)
        root_type = self.schema.get_root_type(definition.operation)
        summary = self.selection_set(definition.selection_set, root_type, None, 0, False)
        errors: list[str] = []
        if self.invalid_string:
            errors.append(limits.INVALID_CHARACTER_MESSAGE)
        if self.too_nested:
            errors.append(
                f"Forespørgslen er for dybt indlejret (over {limits.MAX_NESTING} niveauer, højst {limits.MAX_DEPTH})."
            )
        elif summary.depth > limits.MAX_DEPTH:
            errors.append(f"Forespørgslen er for dybt indlejret ({summary.depth} niveauer, højst {limits.MAX_DEPTH}).")
        if summary.top > limits.MAX_ROOT_FIELDS:
            errors.append(
                f"Forespørgslen beder om for mange felter på øverste niveau (højst {limits.MAX_ROOT_FIELDS})."
            )
        if summary.meta_depth > limits.MAX_INTROSPECTION_DEPTH:
            errors.append(
                f"Introspektionen er for dybt indlejret ({summary.meta_depth} niveauer, "
                f"højst {limits.MAX_INTROSPECTION_DEPTH})."
            )
        errors += sorted(self.size_errors)
        if summary.cost > limits.MAX_COST:
            errors.append(limits.too_expensive_message(limits.shown(summary.cost)))
        if summary.meta_cost > limits.MAX_INTROSPECTION_COST:
            errors.append(
                f"Introspektionen er for dyr: den kan koste {limits.shown(summary.meta_cost)} point, og grænsen er "
                f"{limits.MAX_INTROSPECTION_COST}."
            )
        return OperationLimits(
            name=definition.name.value if definition.name else None,
            cost=summary.cost,
            depth=summary.depth,
            root_fields=summary.top,
            introspection_cost=summary.meta_cost,
            introspection_depth=summary.meta_depth,
            introspection=summary.meta_cost > 0,
            variable_sizes=self.variable_sizes,
            errors=errors,
        ), summary


def _meta_fields():
    from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef

    return {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}


_META_FIELDS = _meta_fields()


@lru_cache(maxsize=8)
def _introspection_sizes(schema: GraphQLSchema) -> dict[str, int]:
    """The longest each introspection list can be in this schema: an exact bound, not an estimate."""
    types = list(schema.type_map.values())
    fields = [f for t in types for f in getattr(t, "fields", {}).values() if hasattr(f, "args")]

    def longest(values) -> int:
        return max([1, *values])

    return {
        "__Schema.types": len(types),
        "__Schema.directives": len(schema.directives),
        "__Type.fields": longest(len(getattr(t, "fields", {})) for t in types),
        "__Type.inputFields": longest(len(getattr(t, "fields", {})) for t in types),
        "__Type.interfaces": longest(len(getattr(t, "interfaces", ())) for t in types),
        "__Type.possibleTypes": longest(len(schema.get_possible_types(t)) for t in types if is_abstract_type(t)),
        "__Type.enumValues": longest(len(getattr(t, "values", {})) for t in types),
        "__Field.args": longest(len(f.args) for f in fields),
        "__Directive.args": longest(len(d.args) for d in schema.directives),
        "__Directive.locations": longest(len(d.locations) for d in schema.directives),
    }


def analyse(schema: GraphQLSchema, document: DocumentNode, *, variables: dict | None = None) -> Analysis:
    """Every limit of a parsed document, in one walk (see the module's docstring).

    Without `variables`, sizes written as variables count with their defaults;
    an operation whose `variable_sizes` is true must be measured again with the
    request's variables (`operation_limits`).
    """
    walk = _Walk(schema, document, variables)
    operations: dict[str | None, OperationLimits] = {}
    fields = 0
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            measured, summary = walk.operation(definition)
            operations.setdefault(measured.name, measured)
            fields += summary.fields
    # Fragments no operation uses are invalid, but validation still walks them first.
    for name in walk.fragments:
        if name not in walk.used:
            fields += walk.fragment(name, None, 0, False).fields
    errors: list[str] = []
    if walk.aliases > limits.MAX_ALIASES:
        errors.append(limits.ALIASES_MESSAGE)
    if fields > limits.MAX_SELECTIONS:
        errors.append(limits.too_many_fields_message(limits.shown(fields)))
    if walk.pairs > limits.MAX_FIELD_PAIRS:
        errors.append(limits.too_many_pairs_message(limits.shown(walk.pairs)))
    # As validation would say it, which on such a text costs as much as the parse.
    unknown = list(walk.unknown)
    errors += unknown[: limits.MAX_VALIDATION_ERRORS]
    if len(unknown) > limits.MAX_VALIDATION_ERRORS:
        errors.append(limits.VALIDATION_ABORTED_MESSAGE)
    return Analysis(fields=fields, field_pairs=walk.pairs, aliases=walk.aliases, operations=operations, errors=errors)


def operation_limits(
    schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: dict | None
) -> OperationLimits:
    """One operation measured with the request's variables."""
    measured, _summary = _Walk(schema, document, variables).operation(operation)
    return measured
