"""The fields whose size argument sets a list's length, by field name alone: what the text scan can know.

The text scan (api/text_scan.py) sees names, not types, so it may count a size
argument only where every field of that name in the schema means the same by it:
the same argument, and either a list that long or a page object whose `items` are.
Anything else counts as 1, which keeps its cost a lower bound of the walk's
(api/cost.py).
"""

from dataclasses import dataclass
from functools import lru_cache

from graphql import GraphQLSchema, get_named_type, get_nullable_type, is_list_type

from . import limits


@dataclass(frozen=True)
class SizedField:
    argument: str  # the size argument the walk reads for this field
    page: bool  # a page object: the size is its `items`' length, not the field's own

    def clamped(self, value: int) -> int:
        """A written size as the walk counts it (limits are read when used, so a test can lift one)."""
        return max(0, min(value, limits.SIZE_ARGUMENTS.get(self.argument, limits.DEFAULT_LIST_SIZE)))


def _meaning(field) -> SizedField | None:
    argument = next((name for name in limits.LIST_SIZE_ARGUMENTS if name in field.args), None)
    if argument is None:
        return None
    if is_list_type(get_nullable_type(field.type)):
        return SizedField(argument, page=False)
    items = getattr(get_named_type(field.type), "fields", {}).get(limits.PAGE_ITEMS_FIELD)
    if items is None or not is_list_type(get_nullable_type(items.type)):
        return None
    if any(name in items.args for name in limits.LIST_SIZE_ARGUMENTS):
        return None
    return SizedField(argument, page=True)


@lru_cache(maxsize=8)
def sized_fields(schema: GraphQLSchema) -> dict[str, SizedField]:
    """Field name -> what its size argument means, for the names that mean one thing on every type."""
    meanings: dict[str, set] = {}
    for named_type in schema.type_map.values():
        if named_type.name.startswith("__"):
            continue
        for name, field in getattr(named_type, "fields", {}).items():
            if hasattr(field, "args"):  # input fields take no arguments
                meanings.setdefault(name, set()).add(_meaning(field))
    return {
        name: meaning
        for name, found in meanings.items()
        if len(found) == 1 and (meaning := next(iter(found))) is not None
    }
