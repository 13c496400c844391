"""Page-numbered lists: one slice, and one COUNT only when the client reads the totals."""

from functools import cached_property

import graphene


class Pagination(graphene.ObjectType):
    total = graphene.Int(required=True, description="Number of items across all pages.")
    total_pages = graphene.Int(required=True)
    current_page = graphene.Int(required=True)
    per_page = graphene.Int(required=True)
    has_next_page = graphene.Boolean(required=True)
    has_previous_page = graphene.Boolean(required=True)


class LazyPagination:
    """Pagination whose COUNT runs only when a client asks for a total."""

    def __init__(self, queryset, *, page: int, per_page: int):
        self._queryset, self.current_page, self.per_page = queryset, page, per_page

    @cached_property
    def total(self) -> int:
        return self._queryset.count()

    @property
    def total_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next_page(self) -> bool:
        return self.current_page < self.total_pages

    @property
    def has_previous_page(self) -> bool:
        return self.current_page > 1


def paginate(queryset, *, page: int, per_page: int) -> dict:
    """One slice, and one COUNT if the client reads the totals: the cost does not depend on the list's length."""
    offset = (page - 1) * per_page
    return {
        "items": list(queryset[offset : offset + per_page]),
        "pagination": LazyPagination(queryset, page=page, per_page=per_page),
    }
