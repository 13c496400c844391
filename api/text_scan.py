"""The first stage of the limits (api/limits.py): the query text and the JSON around it, before parsing.

Every check here is one forward pass that never looks back, so a 10 kB text costs
about the same whatever it contains; tests/api/test_cost_limit.py counts the steps
on crafted input rather than timing them.
"""

import re
from dataclasses import dataclass, field

from . import limits

# Each pattern is searched or matched from where the last one stopped and never looks back:
# character classes, and a string body as the "unrolled loop" with possessive quantifiers
# (the two branches start with disjoint characters, so there is nothing to backtrack into).
_STRUCTURE_OR_OPENER = re.compile(r'[():"#]')
_STRING_BODY = re.compile(r'[^"\\\n\r]*+(?:\\.[^"\\\n\r]*+)*+')
_BLOCK_STRING_BODY = re.compile(r'[^"\\]*+(?:(?:\\"""|\\|"(?!""))[^"\\]*+)*+')
_LINE_END = re.compile(r"[\n\r]")
BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")


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


_TOKEN = re.compile(r'[(){}:@"#]|\.\.\.|[_A-Za-z][_0-9A-Za-z]*')


@dataclass(frozen=True)
class SelectionBound:
    fields: int  # the operations' fields with their fragment spreads expanded: at most what the walk counts
    pairs: int  # comparisons of same-named fields within each written selection set: at most the walk's
    tokens: int  # tokens seen (not every kind is matched): at most graphql-core's count
    steps: int


@dataclass
class _Level:
    """One selection set of the text: the field it belongs to (None for an operation, fragment or inline fragment)."""

    owner: str | None
    names: dict = field(default_factory=dict)  # response name -> [sum of sizes, sum of their squares]
    fields: int = 0
    pending: str | None = None  # the last field of this level, whose selection set may follow
    spreads: list = field(default_factory=list)  # of an operation or fragment: the fragments it spreads

    def settle(self, size: int = 1) -> None:
        """Count the pending field, with the size of its subtree (1: it has no selection set)."""
        if self.pending is not None:
            entry = self.names.setdefault(self.pending, [0, 0])
            entry[0] += size
            entry[1] += size * size
            self.fields += size
            self.pending = None

    def pairs(self) -> int:
        return sum((total * total - squares) // 2 for total, squares in self.names.values())


def selection_bound(query: str) -> SelectionBound:
    """A lower bound, from the text alone, of the fields and comparisons `api.cost.analyse` will count.

    The fields and the pairs of same-named fields that are written in each selection
    set are a part of what the walk counts after expanding fragments, so a text over
    either cap is refused without being parsed (parsing 8 kB costs more than the
    5 ms a refusal may take). Run only on a text whose strings `scan_text` found
    closed. Linear: every step is one search from where the last stopped.
    """
    return _BoundScan(query).run()


class _BoundScan:
    def __init__(self, query: str):
        self.query = query
        self.levels: list[_Level] = []
        self.parens = self.fields = self.pairs = self.steps = self.tokens = self.skip_names = 0
        self.after_spread = self.inline_next = False
        self.top_name = self.fragment_name = None  # the last name outside any selection set; a fragment's name
        self.operations: list[_Level] = []
        self.fragments: dict[str, _Level] = {}

    def run(self) -> SelectionBound:
        query, position, length = self.query, 0, len(self.query)
        while position < length:
            self.steps += 1
            match = _TOKEN.search(query, position)
            if match is None:
                break
            token, position = match.group(), match.end()
            self.tokens += token != "#"
            if token == "#":
                end = _LINE_END.search(query, position)
                position = length if end is None else end.end()
            elif token == '"':
                if query.startswith('""', position):
                    position = _BLOCK_STRING_BODY.match(query, position + 2).end() + 3
                else:
                    position = _STRING_BODY.match(query, position).end() + 1
            elif token in "()":
                self.parens = self.parens + 1 if token == "(" else max(0, self.parens - 1)
            elif not self.parens:  # arguments, variable definitions and their values select nothing
                self.structure(token)
        return SelectionBound(fields=self.expanded(), pairs=self.pairs, tokens=self.tokens, steps=self.steps)

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

    def structure(self, token: str) -> None:
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
        else:
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
        self.pairs += level.pairs()
        if not self.levels:
            return
        if level.owner is not None:
            self.levels[-1].pending = level.owner
            self.levels[-1].settle(1 + level.fields)
        else:
            self.levels[-1].fields += level.fields

    def name(self, token: str) -> None:
        if self.skip_names:
            self.skip_names -= 1
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
        elif self.levels:
            self.levels[-1].settle()
            self.levels[-1].pending = token


def alias_count_quick(query: str) -> int:
    return scan_text(query).aliases


def quick_limit_errors(query: str) -> list[str]:
    """Limits checked on the text itself, before the (comparatively slow) parse."""
    if BAD_CHARACTER.search(query):
        return [limits.INVALID_CHARACTER_MESSAGE]
    scan = scan_text(query)
    if scan.unterminated:
        return [limits.UNTERMINATED_STRING_MESSAGE]
    if scan.aliases > limits.MAX_ALIASES:
        return [limits.ALIASES_MESSAGE]
    bound = selection_bound(query)
    if bound.tokens > limits.MAX_TOKENS:
        return [limits.TOKENS_MESSAGE]  # what the parser would answer, so the refusal does not depend on the order
    errors = []
    if bound.fields > limits.MAX_SELECTIONS:
        errors.append(limits.too_many_fields_message(f"mindst {bound.fields}"))
    if bound.pairs > limits.MAX_FIELD_PAIRS:
        errors.append(limits.too_many_pairs_message(f"mindst {bound.pairs}"))
    return errors


def has_invalid_characters(value) -> bool:
    """NUL or a lone surrogate in any string of a JSON value (keys too), iteratively.

    PostgreSQL refuses NUL in text and UTF-8 has no surrogates: such a string
    would fail deep inside a resolver, so it is refused at the door.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if BAD_CHARACTER.search(item):
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
