"""StreamField blocks for page bodies.

Every block ends in `Block`; either/or rules live in `clean()`; derived values live
in StructValue classes so the API and any renderer read the same thing.
"""

from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Overskrift", max_length=200)
    level = blocks.ChoiceBlock(label="Niveau", choices=[("h2", "Overskrift 2"), ("h3", "Overskrift 3")], default="h2")

    class Meta:
        icon = "title"
        label = "Overskrift"


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Billede")
    caption = blocks.CharBlock(label="Billedtekst", required=False, max_length=255)
    alt_text = blocks.CharBlock(
        label="Alternativ tekst",
        required=False,
        max_length=255,
        help_text="Beskriv billedet for blinde og svagsynede. Tom betyder: billedets egen beskrivelse bruges.",
    )

    class Meta:
        icon = "image"
        label = "Billede"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Dokument")
    label = blocks.CharBlock(
        label="Linktekst", required=False, max_length=255, help_text="Tom betyder: dokumentets titel bruges."
    )

    class Meta:
        icon = "doc-full"
        label = "Dokument"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="Citat")
    attribution = blocks.CharBlock(label="Afsender", required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = "Citat"


class VideoBlock(blocks.StructBlock):
    """A video by URL and title.

    Stored as plain data on purpose: no oEmbed lookup, so saving a page (and the
    tests) never reaches the internet; the frontend embeds it.
    """

    url = blocks.URLBlock(label="Link til video", help_text="F.eks. et link til YouTube eller Vimeo.")
    title = blocks.CharBlock(label="Titel", max_length=255)

    class Meta:
        icon = "media"
        label = "Video"

    def clean(self, value):
        value = super().clean(value)
        if urlparse(value["url"]).scheme != "https":
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Linket skal begynde med https://")}
            )
        return value


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label="Side")
    label = blocks.CharBlock(label="Linktekst", required=False, max_length=255)

    class Meta:
        icon = "link"
        label = "Link til side"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label="Tekst", features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageWithCaptionBlock()
    document = DocumentLinkBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    page_link = PageLinkBlock()

    class Meta:
        label = "Indhold"
