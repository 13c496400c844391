"""The GraphQL schema: each app contributes a query mixin from its `graphql.py`."""

import graphene

from pages.graphql import PagesQuery


class Query(PagesQuery, graphene.ObjectType):
    pass


schema = graphene.Schema(query=Query)
