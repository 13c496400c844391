"""StreamField blocks as GraphQL types. Chooser values go through the visibility rules."""

import graphene
from wagtail.models import Page

from api.toolkit.context import visibility_of

from .base import html_of, url_path_of


class StreamBlockInterface(graphene.Interface):
    id = graphene.String(required=True)
    block_type = graphene.String(required=True)

    @classmethod
    def resolve_type(cls, instance, info):
        return BLOCK_TYPES[instance.block_type]


def _block_value(root, key):
    return root.value.get(key) if hasattr(root.value, "get") else None


class HeadingBlock(graphene.ObjectType):
    text = graphene.String(required=True)
    level = graphene.String(required=True)

    class Meta:
        interfaces = (StreamBlockInterface,)

    def resolve_text(root, info):
        return _block_value(root, "text") or ""

    def resolve_level(root, info):
        return _block_value(root, "level") or "h2"


class ParagraphBlock(graphene.ObjectType):
    html = graphene.String(required=True)

    class Meta:
        interfaces = (StreamBlockInterface,)

    def resolve_html(root, info):
        return html_of(info, root.value.source if hasattr(root.value, "source") else str(root.value))


class QuoteBlock(graphene.ObjectType):
    quote = graphene.String(required=True)
    attribution = graphene.String(required=True)

    class Meta:
        interfaces = (StreamBlockInterface,)

    def resolve_quote(root, info):
        return _block_value(root, "quote") or ""

    def resolve_attribution(root, info):
        return _block_value(root, "attribution") or ""


class VideoBlock(graphene.ObjectType):
    url = graphene.String(required=True)
    title = graphene.String(required=True)

    class Meta:
        interfaces = (StreamBlockInterface,)

    def resolve_url(root, info):
        return _block_value(root, "url") or ""

    def resolve_title(root, info):
        return _block_value(root, "title") or ""


class ImageBlock(graphene.ObjectType):
    image = graphene.Field("documents.graphql.ImageType")
    caption = graphene.String(required=True)
    alt_text = graphene.String(required=True)

    class Meta:
        interfaces = (StreamBlockInterface,)

    def resolve_image(root, info):
        image = _block_value(root, "image")
        return image if image is not None and visibility_of(info).is_media_visible(image) else None

    def resolve_caption(root, info):
        return _block_value(root, "caption") or ""

    def resolve_alt_text(root, info):
        # Falling back to the image's own description only when the image itself may be shown.
        image = ImageBlock.resolve_image(root, info)
        return _block_value(root, "alt_text") or (getattr(image, "description", "") if image else "") or ""


class DocumentBlock(graphene.ObjectType):
    document = graphene.Field("documents.graphql.DocumentType")
    label = graphene.String(required=True)

    class Meta:
        interfaces = (StreamBlockInterface,)

    def resolve_document(root, info):
        document = _block_value(root, "document")
        return document if document is not None and visibility_of(info).is_media_visible(document) else None

    def resolve_label(root, info):
        # The title of a hidden document is hidden too: only the editor's own label is shown then.
        document = DocumentBlock.resolve_document(root, info)
        return _block_value(root, "label") or (document.title if document else "")


class PageLinkBlock(graphene.ObjectType):
    page = graphene.Field("pages.graphql.types.PageInterface")
    label = graphene.String(required=True)
    url_path = graphene.String()

    class Meta:
        interfaces = (StreamBlockInterface,)

    def resolve_page(root, info):
        page = _visible_chosen_page(root, info)
        return page.specific if page else None

    def resolve_label(root, info):
        page = _visible_chosen_page(root, info)
        return _block_value(root, "label") or (page.title if page else "")

    def resolve_url_path(root, info):
        page = _visible_chosen_page(root, info)
        return url_path_of(info, page) if page else None


def _visible_chosen_page(root, info) -> Page | None:
    page = _block_value(root, "page")
    if page is None:
        return None
    # The chooser keeps whatever was chosen, loaded afresh with the stream: check it against
    # today's rules in memory (live flag and path), so a body of many links costs no queries.
    return page if visibility_of(info).is_page_visible(page) else None


BLOCK_TYPES = {
    "heading": HeadingBlock,
    "paragraph": ParagraphBlock,
    "image": ImageBlock,
    "document": DocumentBlock,
    "quote": QuoteBlock,
    "video": VideoBlock,
    "page_link": PageLinkBlock,
}


class BlockRoot:
    """A StreamField child as the block types above read it."""

    def __init__(self, child):
        self.id = child.id or ""
        self.block_type = child.block_type
        self.value = child.value


def stream_blocks(stream_value) -> list[BlockRoot]:
    return [BlockRoot(child) for child in stream_value if child.block_type in BLOCK_TYPES]
