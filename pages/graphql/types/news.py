"""News, events and the places where events happen."""

import graphene

from api.toolkit.context import visibility_of

from ..blocks import StreamBlockInterface
from ..loading import related
from .interface import PageInterface, _body
from .listing import ImageField, resolve_listing_image

PlaceType = "organisations.graphql.PlaceType"


class NewsPageType(graphene.ObjectType):
    published_date = graphene.Date(required=True)
    teaser = graphene.String(required=True)
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    include_in_newsletter = graphene.Boolean(required=True)
    share_on_facebook = graphene.Boolean(required=True)
    image = ImageField
    pdf_version = graphene.Field("documents.graphql.DocumentType", description="The news as a PDF, when there is one.")
    external_source_url = graphene.String(required=True, description="Where the news first appeared; may be empty.")
    plan_periods = graphene.List(graphene.NonNull("pages.graphql.types.plan.PlanPeriodPageType"), required=True)
    housing_areas = graphene.List(graphene.NonNull("pages.graphql.types.areas.HousingAreaPageType"), required=True)

    class Meta:
        name = "NewsPage"
        interfaces = (PageInterface,)

    resolve_body = _body
    resolve_image = resolve_listing_image

    def resolve_pdf_version(root, info):
        document = root.pdf_version if root.pdf_version_id else None
        return document if visibility_of(info).is_media_visible(document) else None

    def resolve_plan_periods(root, info):
        return list(visibility_of(info).pages(root.plan_periods.all()).order_by("-start_date"))

    def resolve_housing_areas(root, info):
        return _visible_related(info, root, "housing_areas")


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
    image = ImageField
    housing_areas = graphene.List(graphene.NonNull("pages.graphql.types.areas.HousingAreaPageType"), required=True)
    organisers = graphene.List(graphene.NonNull("organisations.graphql.OrganisationType"), required=True)
    target_groups = graphene.List(graphene.NonNull("organisations.graphql.TargetGroupType"), required=True)

    class Meta:
        name = "EventPage"
        interfaces = (PageInterface,)

    resolve_body = _body
    resolve_image = resolve_listing_image

    def resolve_housing_areas(root, info):
        return _visible_related(info, root, "housing_areas")

    def resolve_organisers(root, info):
        return list(root.organisers.all())

    def resolve_target_groups(root, info):
        return list(root.target_groups.all())


def _visible_related(info, root, name: str) -> list:
    """Pages of a many-to-many relation, visible only, loaded for every row of the list at once."""
    visibility = visibility_of(info)
    model = type(root)._meta.get_field(name).related_model
    return related(
        info, root, name, lambda: visibility.pages(model.objects.order_by("title")), visible=visibility.is_page_visible
    )
