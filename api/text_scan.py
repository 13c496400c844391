"""The first stage of the limits (api/limits.py): the query text and the JSON around it, before parsing.

Every check here is one forward pass that never looks back, so a 10 kB text costs
about the same whatever it contains; tests/api/test_cost_limit.py counts the steps
on crafted input rather than timing them.
"""

import re
from dataclasses import dataclass

# Each pattern is searched or matched from where the last one stopped and never looks back:
# character classes, and a string body as the "unrolled loop" with possessive quantifiers
# (the two branches start with disjoint characters, so there is nothing to backtrack into).
_STRUCTURE_OR_OPENER = re.compile(r'[():"#]')
STRING_BODY = re.compile(r'[^"\\\n\r]*+(?:\\.[^"\\\n\r]*+)*+')
BLOCK_STRING_BODY = re.compile(r'[^"\\]*+(?:(?:\\"""|\\|"(?!""))[^"\\]*+)*+')
LINE_END = re.compile(r"[\n\r]")
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
            end = LINE_END.search(query, position)
            position = length if end is None else end.end()
        elif query.startswith('""', position):  # a block string: up to a """ that no backslash escapes
            steps += 1
            position = BLOCK_STRING_BODY.match(query, position + 2).end()
            if not query.startswith('"""', position):
                return TextScan(aliases=aliases, steps=steps, unterminated=True)
            position += 3
        else:  # a string: escapes and other characters up to its quote, on one line
            steps += 1
            position = STRING_BODY.match(query, position).end()
            if position >= length or query[position] != '"':
                return TextScan(aliases=aliases, steps=steps, unterminated=True)
            position += 1
    return TextScan(aliases=aliases, steps=steps)


def alias_count_quick(query: str) -> int:
    return scan_text(query).aliases


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
