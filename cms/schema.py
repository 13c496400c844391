"""The GraphQL schema: each app contributes types and a query mixin from its `graphql.py`."""

import graphene

from pages.graphql import PagesQuery
from pages.graphql.blocks import BLOCK_TYPES
from pages.graphql.search import SearchQuery
from pages.graphql.types import ALL_PAGE_TYPES


class Query(PagesQuery, SearchQuery, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, types=[*ALL_PAGE_TYPES, *BLOCK_TYPES.values()])
