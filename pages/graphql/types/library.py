"""Document collection pages."""

import graphene

from ..base import html_of
from ..loading import collection_documents_of
from .interface import PageInterface
from .listing import ImageField, resolve_listing_image


class DocumentCollectionPageType(graphene.ObjectType):
    intro = graphene.String(required=True)
    teaser = graphene.String(required=True)
    documents = graphene.List(graphene.NonNull("documents.graphql.DocumentType"), required=True)
    image = ImageField

    class Meta:
        name = "DocumentCollectionPage"
        interfaces = (PageInterface,)

    resolve_image = resolve_listing_image

    def resolve_intro(root, info):
        return html_of(info, root.intro)

    def resolve_documents(root, info):
        return collection_documents_of(info, root)
