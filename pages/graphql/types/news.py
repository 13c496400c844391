"""News, events and the places where events happen."""

import graphene

from ..base import visibility_of
from ..blocks import StreamBlockInterface
from .interface import PageInterface, _body


class PlaceType(graphene.ObjectType):
    name = graphene.String(required=True)
    address = graphene.String(required=True)
    postcode = graphene.String(required=True)
    city = graphene.String(required=True)
    latitude = graphene.Float()
    longitude = graphene.Float()

    class Meta:
        name = "Place"


class NewsPageType(graphene.ObjectType):
    published_date = graphene.Date(required=True)
    teaser = graphene.String(required=True)
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    include_in_newsletter = graphene.Boolean(required=True)
    share_on_facebook = graphene.Boolean(required=True)
    image = graphene.Field("documents.graphql.ImageType")

    class Meta:
        name = "NewsPage"
        interfaces = (PageInterface,)

    resolve_body = _body

    def resolve_image(root, info):
        image = root.listing_image
        return image if image is not None and visibility_of(info).is_media_visible(image) else None


class EventPageType(graphene.ObjectType):
    starts_at = graphene.DateTime(required=True)
    ends_at = graphene.DateTime()
    all_day = graphene.Boolean(required=True, description="Only the date is known; do not show the time.")
    is_cancelled = graphene.Boolean(required=True)
    cancellation_reason = graphene.String(required=True)
    teaser = graphene.String(required=True)
    place = graphene.Field(PlaceType)
    place_note = graphene.String(required=True)
    price = graphene.String(required=True)
    registration_url = graphene.String(required=True)
    open_to_all = graphene.Boolean(required=True)
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    include_in_newsletter = graphene.Boolean(required=True)
    share_on_facebook = graphene.Boolean(required=True)
    image = graphene.Field("documents.graphql.ImageType")

    class Meta:
        name = "EventPage"
        interfaces = (PageInterface,)

    resolve_body = _body
    resolve_image = NewsPageType.resolve_image
