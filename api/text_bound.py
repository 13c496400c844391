"""Lower bounds, from the query text alone, of what the walk over the parsed document (api/cost.py) counts.

A text over a cap is refused without being parsed: parsing costs about 9 µs a
token, so a 1 kB text that multiplies lists would take longer to parse than the
5 ms a refusal may take. Every bound here must stay at or under the walk's count,
or a valid query would be refused: tests/api/test_selection_bound.py checks that
on the contract, the guide's examples, crafted texts and queries generated from
the schema. Linear: every step is one search from where the last stopped.
"""

import re
from dataclasses import dataclass, field

from . import limits
from .sized_fields import SizedField
from .text_scan import BAD_CHARACTER, BLOCK_STRING_BODY, LINE_END, STRING_BODY, scan_text

_TOKEN = re.compile(r'[(){}:@"#$]|\.\.\.|[_A-Za-z][_0-9A-Za-z]*|-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?')
_NUMBER_START = frozenset("-0123456789")
_STRING_OR_COMMENT = re.compile(r'["#]')


@dataclass(frozen=True)
class SelectionBound:
    fields: int  # the operations' fields with their fragment spreads expanded: at most what the walk counts
    pairs: int  # comparisons of same-named fields within each written selection set: at most the walk's
    tokens: int  # tokens seen (not every kind is matched): at most graphql-core's count
    steps: int
    cost: int = 0  # of a document's only operation, fragment spreads counted as 0: at most the walk's cost


@dataclass
class _Field:
    """A field of the text, as far as the text shows it."""

    response: str  # its alias, or its name
    name: str
    times: int = 1  # the length of the list it is in: a size written in its arguments, or 1
    page: int | None = None  # a page object's size (`newsItems(perPage: 100)`): its `items`' length

    @property
    def meta(self) -> bool:
        """Introspection (and `__typename`): the walk prices it apart, so it costs 0 here."""
        return self.name.startswith("__")


@dataclass
class _Level:
    """One selection set of the text: the field it belongs to (None for an operation, fragment or inline fragment)."""

    owner: _Field | None
    names: dict = field(default_factory=dict)  # response name -> sum of the sizes of the fields it names
    fields: int = 0
    pairs: int = 0  # comparisons of same-named fields in this set: each new one against those before
    cost: int = 0
    pending: _Field | None = None  # the last field of this level, whose arguments or selection set may follow
    spreads: list = field(default_factory=list)  # of an operation or fragment: the fragments it spreads

    def settle(self, size: int = 1, cost: int = 0) -> None:
        """Count the pending field, with the size and cost of its subtree (1 and 0: it has no selection set)."""
        pending, self.pending = self.pending, None
        if pending is not None:
            before = self.names.get(pending.response, 0)
            self.names[pending.response] = before + size
            self.pairs += before * size
            self.fields += size
            self.cost += 0 if pending.meta else 1 + cost * pending.times

    def items_size(self, name: str) -> int:
        """The length of a field written in this set: a page's `items` are the page's size."""
        page = self.owner.page if self.owner is not None else None
        return page if name == limits.PAGE_ITEMS_FIELD and page is not None else 1


def selection_bound(query: str, sized: dict[str, SizedField] | None = None) -> SelectionBound:
    """A lower bound of the fields, comparisons and (with `sized`) cost `api.cost.analyse` will count.

    Fields and the pairs of same-named fields written in each selection set are a
    part of what the walk counts after expanding fragments. The cost multiplies
    only by sizes written as integers in the arguments of the fields `sized` names
    (api/sized_fields.py); every other list counts as 1 and every fragment spread
    as 0. Run only on a text whose strings `scan_text` found closed.
    """
    return _BoundScan(query, sized or {}).run()


class _BoundScan:
    def __init__(self, query: str, sized: dict[str, SizedField]):
        self.query, self.sized = query, sized
        self.levels: list[_Level] = []
        self.parens = self.fields = self.pairs = self.steps = self.tokens = self.skip_names = self.written = 0
        self.after_spread = self.inline_next = self.aliased = self.field_args = False
        self.top_name = self.fragment_name = None  # the last name outside any selection set; a fragment's name
        self.operations: list[_Level] = []
        self.fragments: dict[str, _Level] = {}
        self.args_of: _Field | None = None  # the field whose arguments are open
        self.argument_name: str | None = None
        self.after_colon = False
        self.braces_in_arguments = 0

    def run(self) -> SelectionBound:
        query, position, length = self.query, 0, len(self.query)
        while position < length:
            self.steps += 1
            match = _TOKEN.search(query, position)
            if match is None:
                break
            token, position = match.group(), match.end()
            self.tokens += token != "#" and token[0] not in _NUMBER_START
            if token == "#":
                end = LINE_END.search(query, position)
                position = length if end is None else end.end()
            elif token == '"':
                if query.startswith('""', position):
                    position = BLOCK_STRING_BODY.match(query, position + 2).end() + 3
                else:
                    position = STRING_BODY.match(query, position).end() + 1
                self.after_colon = False
            elif token in "()":
                self.parenthesis(token)
            elif self.parens:
                self.argument(token)
            else:  # outside arguments, variable definitions and their values
                self.structure(token)
                if self.written > limits.MAX_SELECTIONS or self.pairs_so_far() > limits.MAX_FIELD_PAIRS:
                    self.count_rest(position)  # refused whatever follows; only the tokens cap may come first
                    break
        only = self.operations[0].cost if len(self.operations) == 1 else 0
        fields = max(self.expanded(), self.written)
        return SelectionBound(fields=fields, pairs=self.pairs_so_far(), tokens=self.tokens, steps=self.steps, cost=only)

    def pairs_so_far(self) -> int:
        return self.pairs + (self.levels[-1].pairs if self.levels else 0)

    def count_rest(self, position: int) -> None:
        """The tokens of the rest of the text, a stretch between strings and comments at a time."""
        query, length = self.query, len(self.query)
        while position < length and self.tokens <= limits.MAX_TOKENS:
            self.steps += 1
            special = _STRING_OR_COMMENT.search(query, position)
            end = length if special is None else special.start()
            self.tokens += sum(token[0] not in _NUMBER_START for token in _TOKEN.findall(query, position, end))
            if special is None:
                return
            position = end + 1
            if query[end] == "#":
                line_end = LINE_END.search(query, position)
                position = length if line_end is None else line_end.end()
            elif query.startswith('""', position):
                self.tokens += 1
                position = BLOCK_STRING_BODY.match(query, position + 2).end() + 3
            else:
                self.tokens += 1
                position = STRING_BODY.match(query, position).end() + 1

    def expanded(self) -> int:
        """The operations' fields with every known fragment spread expanded, each fragment's count computed once."""
        memo: dict[str, int] = {}

        def size(level: _Level, seen: frozenset) -> int:
            total = level.fields
            for name in level.spreads:
                if name not in memo and name in self.fragments and name not in seen:
                    memo[name] = size(self.fragments[name], seen | {name})  # steps: one per fragment
                total += memo.get(name, 0)  # unknown or cyclic: validation refuses it, the walk counts 0
            return total

        return sum(size(level, frozenset()) for level in self.operations)

    # -- arguments: only a size written as an integer directly in a field's arguments is read

    def parenthesis(self, token: str) -> None:
        if token == "(":
            if not self.parens:  # a field's arguments, or a directive's or the variables' (args_of None)
                self.args_of = self.levels[-1].pending if self.field_args and self.levels else None
            self.parens += 1
        else:
            self.parens = max(0, self.parens - 1)
            if not self.parens:
                self.args_of, self.braces_in_arguments = None, 0
        self.field_args = self.after_colon = False
        self.argument_name = None

    def argument(self, token: str) -> None:
        if token in ("{", "}"):  # an input object: its fields are not the field's arguments
            self.braces_in_arguments = max(0, self.braces_in_arguments + (1 if token == "{" else -1))
            self.argument_name, self.after_colon = None, False
        elif self.args_of is None or self.braces_in_arguments or self.parens != 1:
            return
        elif token == ":":
            self.after_colon = self.argument_name is not None
        elif self.after_colon:  # the argument's value
            if self.argument_name in limits.LIST_SIZE_ARGUMENTS:
                self.written_size(self.argument_name, token)
            self.argument_name, self.after_colon = None, False
        else:
            self.argument_name = token

    def written_size(self, argument: str, token: str) -> None:
        """A list's length from its size argument; 0 where it may be 0, as the walk counts it (never more)."""
        field = self.args_of
        if token == "$" or (token.lstrip("-").isdigit() and int(token) <= 0):
            field.times = field.page = 0  # a variable may be 0 (the walk reads it), as may a literal
            return
        sized = self.sized.get(field.name)
        if sized is None or sized.argument != argument or not token.isdigit():
            return  # counted as 1: at most what the walk counts (a default, the maximum, or the size)
        if sized.page:
            field.page = sized.clamped(int(token))
        else:
            field.times = sized.clamped(int(token))

    # -- selection sets

    def structure(self, token: str) -> None:
        self.field_args = False
        if token == "{":
            self.open_set()
        elif token == "}":
            self.close_set()
        elif token == "...":
            if self.levels:
                self.levels[-1].settle()
            self.after_spread = self.inline_next = True
        elif token in ("@", ":"):
            self.skip_names = 1  # a directive's name, or the field name after an alias
            self.aliased = token == ":"
        elif token[0] not in _NUMBER_START and token != "$":  # here a syntax error, which the parser reports
            self.name(token)

    def open_set(self) -> None:
        parent = self.levels[-1] if self.levels else None
        owner = parent.pending if parent is not None and not self.inline_next else None
        if parent is not None and owner is None:
            parent.settle()
        elif parent is not None:
            parent.pending = None
        level = _Level(owner)
        if parent is None:
            (
                self.fragments.setdefault(self.fragment_name, level)
                if self.fragment_name
                else self.operations.append(level)
            )
            self.fragment_name = self.top_name = None
        self.levels.append(level)
        self.after_spread = self.inline_next = False
        self.skip_names = 0

    def close_set(self) -> None:
        if not self.levels:
            return  # a syntax error, which the parser reports
        level = self.levels.pop()
        level.settle()
        self.pairs += level.pairs
        if not self.levels:
            return
        parent = self.levels[-1]
        if level.owner is not None:
            parent.pending = level.owner
            parent.settle(1 + level.fields, level.cost)
        else:
            parent.fields += level.fields
            parent.cost += level.cost

    def name(self, token: str) -> None:
        if self.skip_names:
            self.skip_names -= 1
            pending = self.levels[-1].pending if self.levels else None
            if self.aliased and pending is not None:  # `alias: name`: the field is `name`
                pending.name, pending.times = token, self.levels[-1].items_size(token)
                self.field_args = True
            self.aliased = False
        elif self.after_spread:
            self.after_spread = False
            if token == "on":
                self.skip_names = 1  # the type condition of an inline fragment
            else:
                self.inline_next = False  # a fragment spread
                if self.levels:  # counted for the whole definition, wherever it stands in it
                    self.levels[0].spreads.append(token)
        elif not self.levels:  # outside selection sets: `query Q`, `fragment F on T`
            if self.top_name == "fragment" and self.fragment_name is None:
                self.fragment_name = token
            self.top_name = token
        else:
            level = self.levels[-1]
            level.settle()
            level.pending = _Field(response=token, name=token, times=level.items_size(token))
            self.field_args = True
            self.written += 1


def quick_limit_errors(query: str, sized: dict[str, SizedField] | None = None) -> list[str]:
    """Limits checked on the text itself, before the (comparatively slow) parse."""
    if BAD_CHARACTER.search(query):
        return [limits.INVALID_CHARACTER_MESSAGE]
    scan = scan_text(query)
    if scan.unterminated:
        return [limits.UNTERMINATED_STRING_MESSAGE]
    if scan.aliases > limits.MAX_ALIASES:
        return [limits.ALIASES_MESSAGE]
    bound = selection_bound(query, sized)
    if bound.tokens > limits.MAX_TOKENS:
        return [limits.TOKENS_MESSAGE]  # what the parser would answer, so the refusal does not depend on the order
    errors = []
    if bound.fields > limits.MAX_SELECTIONS:
        errors.append(limits.too_many_fields_message(f"mindst {bound.fields}"))
    if bound.pairs > limits.MAX_FIELD_PAIRS:
        errors.append(limits.too_many_pairs_message(f"mindst {bound.pairs}"))
    if bound.cost > limits.MAX_COST:
        errors.append(limits.too_expensive_message(f"mindst {limits.shown(bound.cost)}"))
    return errors
