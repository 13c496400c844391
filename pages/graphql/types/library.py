"""Document collection pages."""

import graphene

from ..base import html_of, visibility_of
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
        if hasattr(root, "visible_documents"):  # set by the selector that fetched the page
            return root.visible_documents
        from ...selectors import document_collection_documents

        return document_collection_documents(visibility=visibility_of(info), page=root)
