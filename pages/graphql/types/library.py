"""Document collection pages."""

import graphene

from ..base import html_of
from ..loading import collection_documents_of
from .interface import PageInterface


class DocumentCollectionPageType(graphene.ObjectType):
    intro = graphene.String(required=True)
    teaser = graphene.String(required=True)
    documents = graphene.List(graphene.NonNull("documents.graphql.DocumentType"), required=True)

    class Meta:
        name = "DocumentCollectionPage"
        interfaces = (PageInterface,)

    def resolve_intro(root, info):
        return html_of(info, root.intro)

    def resolve_documents(root, info):
        return collection_documents_of(info, root)
