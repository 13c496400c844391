"""The HTTP layer of the API: one GraphQL endpoint."""

from django.conf import settings
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView

from cms.schema import schema

graphql_view = csrf_exempt(GraphQLView.as_view(schema=schema, graphiql=getattr(settings, "GRAPHIQL_ENABLED", False)))
