"""URLs with GraphiQL on, as under `make run`: `graphql_view()` reads GRAPHIQL_ENABLED when it is built."""

from django.test import override_settings
from django.urls import path

from api.views import graphql_view

with override_settings(GRAPHIQL_ENABLED=True):
    endpoint = graphql_view()

urlpatterns = [path("graphql/", endpoint, name="graphql")]
