"""Site search: live, public pages and visible documents only."""

import re

import graphene
from graphql import GraphQLError
from wagtail.models import Page

from documents.graphql import DocumentType
from documents.models import PlanDocument

from .base import MAX_LIST_LIMIT, visibility_of
from .loading import listed
from .lookahead import load_requested
from .types import ALL_PAGE_TYPES, PAGE_TYPES, GenericPage

MAX_QUERY_LENGTH = 200


class SearchResult(graphene.Union):
    class Meta:
        types = (*ALL_PAGE_TYPES, DocumentType)

    @classmethod
    def resolve_type(cls, instance, info):
        if isinstance(instance, PlanDocument):
            return DocumentType
        return PAGE_TYPES.get(type(instance), GenericPage)


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
        if not 1 <= limit <= MAX_LIST_LIMIT:
            raise GraphQLError(f"limit skal ligge mellem 1 og {MAX_LIST_LIMIT}.")
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
