"""Listing images for a whole list at once: the images, their collection's visibility
and the named renditions in a constant number of queries, whatever the list's length.
"""

from collections.abc import Iterable

from django.db.models import Prefetch

from documents.models import PlanImage, PlanRendition
from documents.renditions import ALL_SPECS

from .visibility import Visibility


def listing_images_attach(*, items: Iterable, visibility: Visibility) -> None:
    """Set `visible_listing_image` on each item that has a listing image (None when hidden).

    Two queries for any number of items (images with the visibility filter, then their
    renditions of the named specs); Wagtail's `get_renditions` reads the prefetched ones.
    """
    items = [item for item in items if hasattr(item, "listing_image_id")]
    ids = {item.listing_image_id for item in items if item.listing_image_id}
    images: dict[int, PlanImage] = {}
    if ids:
        renditions = PlanRendition.objects.filter(filter_spec__in=ALL_SPECS)
        queryset = visibility.media(PlanImage.objects.filter(pk__in=ids)).prefetch_related(
            Prefetch("renditions", queryset=renditions)
        )
        images = {image.pk: image for image in queryset}
    for item in items:
        item.visible_listing_image = images.get(item.listing_image_id)
