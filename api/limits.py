"""Limits that bound the work of a GraphQL request before anything is executed.

A request passes three stages, each bounded by the one before:

1. The text (`scan_text`): at most `MAX_QUERY_BYTES`, and its aliases counted by
   one forward scan (no regex that can backtrack), so a document of hundreds
   of aliases is refused before parsing.
2. The parsed document (`analyse`): ONE walk over each operation and fragment,
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

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graphql import (
    GraphQLSchema,
    get_named_type,
    get_nullable_type,
    is_abstract_type,
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
SIZE_ARGUMENTS = {"perPage": 100, "limit": 100, "page": 10_000}
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

ALIASES_MESSAGE = f"Forespørgslen har for mange aliaser (højst {MAX_ALIASES})."
UNTERMINATED_STRING_MESSAGE = "Syntaksfejl: en tekst i anførselstegn slutter ikke, før linjen eller forespørgslen gør."
INVALID_CHARACTER_MESSAGE = "Forespørgslen indeholder et ugyldigt tegn (NUL eller en enlig surrogat) i en tekst."
INTROSPECTION_DISABLED_MESSAGE = "Introspektion (__schema, __type) er slået fra på denne server."


def _shown(number: int) -> str:
    """A number for a message: astronomically large ones (fragment bombs) are not printed whole."""
    return str(number) if number < 10**12 else "over 10^12"


# --- 1. the text --------------------------------------------------------------

# Each pattern is searched or matched from where the last one stopped and never looks back:
# character classes, and a string body as the "unrolled loop" with possessive quantifiers
# (the two branches start with disjoint characters, so there is nothing to backtrack into).
_STRUCTURE_OR_OPENER = re.compile(r'[():"#]')
_STRING_BODY = re.compile(r'[^"\\\n\r]*+(?:\\.[^"\\\n\r]*+)*+')
_BLOCK_STRING_BODY = re.compile(r'[^"\\]*+(?:(?:\\"""|\\|"(?!""))[^"\\]*+)*+')
_LINE_END = re.compile(r"[\n\r]")
_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class TextScan:
    aliases: int
    steps: int  # searches and matches made; each starts where the last stopped
    unterminated: bool = False  # a string that no quote closes: a syntax error, whatever follows


def scan_text(query: str) -> TextScan:
    """Aliases in a query text without parsing it: the colons outside parentheses.

    Outside parentheses (arguments, variable definitions, directive arguments) a
    colon can only follow an alias, once strings, block strings and comments are
    skipped. Every step is one search or match starting where the previous one
    stopped, so the scan is linear in the text whatever it contains
    (tests/api/test_cost_limit.py counts the steps on crafted input). A string
    that its line or the text ends before a quote closes it is a syntax error
    for graphql-core's lexer too, which is refused here without parsing.
    tests/api/test_limits.py checks the alias count against the parsed document.
    """
    position, length = 0, len(query)
    parens = aliases = steps = 0
    while position < length:
        steps += 1
        match = _STRUCTURE_OR_OPENER.search(query, position)
        if match is None:
            break
        char, position = match.group(), match.end()
        if char == "(":
            parens += 1
        elif char == ")":
            parens = max(0, parens - 1)
        elif char == ":":
            aliases += 0 if parens else 1
        elif char == "#":  # a comment runs to the end of its line (LF, CR or CRLF)
            steps += 1
            end = _LINE_END.search(query, position)
            position = length if end is None else end.end()
        elif query.startswith('""', position):  # a block string: up to a """ that no backslash escapes
            steps += 1
            position = _BLOCK_STRING_BODY.match(query, position + 2).end()
            if not query.startswith('"""', position):
                return TextScan(aliases=aliases, steps=steps, unterminated=True)
            position += 3
        else:  # a string: escapes and other characters up to its quote, on one line
            steps += 1
            position = _STRING_BODY.match(query, position).end()
            if position >= length or query[position] != '"':
                return TextScan(aliases=aliases, steps=steps, unterminated=True)
            position += 1
    return TextScan(aliases=aliases, steps=steps)


def alias_count_quick(query: str) -> int:
    return scan_text(query).aliases


def quick_limit_errors(query: str) -> list[str]:
    """Limits checked on the text itself, before the (comparatively slow) parse."""
    if _BAD_CHARACTER.search(query):
        return [INVALID_CHARACTER_MESSAGE]
    scan = scan_text(query)
    if scan.unterminated:
        return [UNTERMINATED_STRING_MESSAGE]
    if scan.aliases > MAX_ALIASES:
        return [ALIASES_MESSAGE]
    return []


def has_invalid_characters(value) -> bool:
    """NUL or a lone surrogate in any string of a JSON value (keys too), iteratively.

    PostgreSQL refuses NUL in text and UTF-8 has no surrogates: such a string
    would fail deep inside a resolver, so it is refused at the door.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _BAD_CHARACTER.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def nesting_depth(value, *, limit: int) -> int:
    """How deeply lists and objects nest in a JSON value, counted up to `limit + 1`, iteratively."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            level += 1
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            stack.extend((child, level) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


# --- 2. and 3. the document ---------------------------------------------------


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
        if nesting > MAX_NESTING:
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
        if name in INTROSPECTION_ROOT_FIELDS and parent_type is self.schema.query_type:
            is_meta, definition = True, _META_FIELDS[name]  # not among the query type's own fields
        self.arguments(node, definition)
        field_type = definition.type if definition is not None else None
        child_type = get_named_type(field_type) if field_type is not None else None
        size = self.size_argument(node, definition)
        times, child_page_size = 1, None
        if field_type is not None and is_list_type(get_nullable_type(field_type)):
            if size is not None:
                times = size
            elif name == PAGE_ITEMS_FIELD and page_size is not None:
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
            if name in SIZE_ARGUMENTS:
                value = self.value_of(argument.value)
                explicit_null = isinstance(argument.value, NullValueNode) or (
                    isinstance(argument.value, VariableNode)
                    and self.variables is not None
                    and argument.value.name.value in self.variables
                    and self.variables[argument.value.name.value] is None
                )
                is_int = isinstance(value, int) and not isinstance(value, bool)
                if explicit_null or (is_int and not 1 <= value <= SIZE_ARGUMENTS[name]):
                    self.size_errors.add(f"{name} skal ligge mellem 1 og {SIZE_ARGUMENTS[name]}.")

    def size_argument(self, node: FieldNode, definition) -> int | None:
        """The list length a size argument sets, or None when the field has none."""
        if definition is None:
            return None
        for name in LIST_SIZE_ARGUMENTS:
            if name not in definition.args:
                continue
            written = next((a.value for a in node.arguments if a.name.value == name), None)
            value = self.value_of(written) if written is not None else None
            if value is None:
                default = definition.args[name].default_value
                value = default if isinstance(default, int) else None
            maximum = SIZE_ARGUMENTS.get(name, DEFAULT_LIST_SIZE)
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
                if _BAD_CHARACTER.search(item.value):
                    return True
            elif isinstance(item, ListValueNode):
                stack.extend(item.values)
            elif isinstance(item, ObjectValueNode):
                stack.extend(f.value for f in item.fields)
        return False

    # -- list sizes

    def declared_size(self, parent_type, name: str, *, meta: bool) -> int:
        if parent_type is None:
            return DEFAULT_LIST_SIZE
        if meta:
            return _introspection_sizes(self.schema).get(f"{parent_type.name}.{name}", DEFAULT_LIST_SIZE)
        size = LIST_SIZES.get(f"{parent_type.name}.{name}")
        if size is not None:
            return size
        for interface in getattr(parent_type, "interfaces", ()):
            size = LIST_SIZES.get(f"{interface.name}.{name}")
            if size is not None:
                return size
        return DEFAULT_LIST_SIZE

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
            errors.append(INVALID_CHARACTER_MESSAGE)
        if self.too_nested:
            errors.append(f"Forespørgslen er for dybt indlejret (over {MAX_NESTING} niveauer, højst {MAX_DEPTH}).")
        elif summary.depth > MAX_DEPTH:
            errors.append(f"Forespørgslen er for dybt indlejret ({summary.depth} niveauer, højst {MAX_DEPTH}).")
        if summary.top > MAX_ROOT_FIELDS:
            errors.append(f"Forespørgslen beder om for mange felter på øverste niveau (højst {MAX_ROOT_FIELDS}).")
        if summary.meta_depth > MAX_INTROSPECTION_DEPTH:
            errors.append(
                f"Introspektionen er for dybt indlejret ({summary.meta_depth} niveauer, "
                f"højst {MAX_INTROSPECTION_DEPTH})."
            )
        errors += sorted(self.size_errors)
        if summary.cost > MAX_COST:
            errors.append(
                f"Forespørgslen er for dyr: den kan koste {_shown(summary.cost)} point, og grænsen er "
                f"{MAX_COST} (hvert felt koster 1 gange længden af de lister, det står i)."
            )
        if summary.meta_cost > MAX_INTROSPECTION_COST:
            errors.append(
                f"Introspektionen er for dyr: den kan koste {_shown(summary.meta_cost)} point, og grænsen er "
                f"{MAX_INTROSPECTION_COST}."
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
            limits, summary = walk.operation(definition)
            operations.setdefault(limits.name, limits)
            fields += summary.fields
    # Fragments no operation uses are invalid, but validation still walks them first.
    for name in walk.fragments:
        if name not in walk.used:
            fields += walk.fragment(name, None, 0, False).fields
    errors: list[str] = []
    if walk.aliases > MAX_ALIASES:
        errors.append(ALIASES_MESSAGE)
    if fields > MAX_SELECTIONS:
        errors.append(
            f"Forespørgslen har for mange felter ({_shown(fields)}, når fragmenterne er foldet ud; "
            f"højst {MAX_SELECTIONS})."
        )
    if walk.pairs > MAX_FIELD_PAIRS:
        errors.append(
            "Forespørgslen gentager de samme felter for mange gange: at kontrollere den kræver "
            f"{_shown(walk.pairs)} sammenligninger (højst {MAX_FIELD_PAIRS})."
        )
    return Analysis(fields=fields, field_pairs=walk.pairs, aliases=walk.aliases, operations=operations, errors=errors)


def operation_limits(
    schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: dict | None
) -> OperationLimits:
    """One operation measured with the request's variables."""
    limits, _summary = _Walk(schema, document, variables).operation(operation)
    return limits
