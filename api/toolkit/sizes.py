"""How long a list a client may ask for, and the Danish error for a size outside that range.

api/limits.py refuses a size written in the query before it runs; resolvers check
the value they are given with `size_check`, so both answer with the same message.
"""

from graphql import GraphQLError

MAX_PER_PAGE = 100
MAX_LIST_LIMIT = 100


def size_check(argument: str, value: int, *, maximum: int) -> None:
    """Raise the error the client sees ("limit skal ligge mellem 1 og 100.") unless 1 <= value <= maximum."""
    if not 1 <= value <= maximum:
        raise GraphQLError(f"{argument} skal ligge mellem 1 og {maximum}.")
