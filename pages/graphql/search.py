"""Site search: live, public pages and visible documents only."""

import re

import graphene
from graphql import GraphQLError
from wagtail.models import Page

from api.toolkit.context import listed, visibility_of
from api.toolkit.sizes import MAX_LIST_LIMIT, size_check
from documents.graphql import DocumentType
from documents.models import PlanDocument

from .lookahead import load_requested
from .types import GenericPage
from .types.registry import page_type_of, page_types_with

MAX_QUERY_LENGTH = 200


class SearchResult(graphene.Union):
    class Meta:
        types = page_types_with(DocumentType)

    @classmethod
    def resolve_type(cls, instance, info):
        if isinstance(instance, PlanDocument):
            return DocumentType
        return page_type_of(instance, GenericPage)


class SearchQuery(graphene.ObjectType):
    search = graphene.List(
        graphene.NonNull(SearchResult),
        required=True,
        query=graphene.String(required=True),
        limit=graphene.Int(default_value=20),
    )

    def resolve_search(root, info, query, limit):
        query = query.strip()
        if len(query) > MAX_QUERY_LENGTH:
            raise GraphQLError(f"Søgningen må højst være {MAX_QUERY_LENGTH} tegn.")
        size_check("limit", limit, maximum=MAX_LIST_LIMIT)
        if not re.search(r"\w", query):
            return []  # nothing to search for: no word, only punctuation or space
        visibility = visibility_of(info)
        pages = list(visibility.pages(Page.objects.all()).search(query)[:limit])
        specific = {page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()}
        results = [specific[p.pk] for p in pages if p.pk in specific]
        load_requested(info, results, {})  # listing images of the pages, for all results at once
        # Always asked, so the number of SQL queries does not depend on how many pages matched.
        documents = list(visibility.media_for_search(PlanDocument.objects.all()).search(query)[:limit])
        return listed(info, (results + documents)[:limit])
