"""A small GraphQL toolkit the apps' `graphql` modules share.

It imports no app (only Django, Wagtail, graphene and graphql-core), so that every
app may use it without depending on another: the request context, the loaders,
pagination, enums from choices, the requested fields and the size limits.
What an app owns (its visibility rules) reaches the context through a factory the
app installs (`context.visibility_factory_set`), never through an import here.
"""
