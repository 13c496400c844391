"""The GraphQL schema: each app contributes types and a query mixin from its `graphql.py`."""

import graphene

from home.graphql import HomeQuery
from newsletter.graphql import NewsletterMutation, NewsletterQuery
from pages.graphql import PagesQuery
from pages.graphql.blocks import BLOCK_TYPES
from pages.graphql.search import SearchQuery
from pages.graphql.types import ALL_PAGE_TYPES
from publishing.graphql import PublishingQuery


# Fields are listed in reverse order of the bases: PublishingQuery's come last in the SDL.
class Query(PublishingQuery, PagesQuery, HomeQuery, SearchQuery, NewsletterQuery, graphene.ObjectType):
    pass


class Mutation(NewsletterMutation, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation, types=[*ALL_PAGE_TYPES, *BLOCK_TYPES.values()])
