"""The listing image every listable page exposes as `image`.

List selectors attach `visible_listing_image` to each row (pages.images
attaches images, their collection check and the named renditions for the whole
list at once); a single page read falls back to its own lookups.
"""

import graphene

from api.toolkit.context import visibility_of

ImageField = graphene.Field(
    "documents.graphql.ImageType", description="The listing image; null when none or in a private collection."
)


def resolve_listing_image(root, info):
    if hasattr(root, "visible_listing_image"):
        return root.visible_listing_image
    if root.listing_image_id is None:
        return None
    image = root.listing_image
    return image if visibility_of(info).is_media_visible(image) else None
