"""Organisations, people and governance bodies as GraphQL types."""

import graphene

from api.toolkit.context import visibility_of
from api.toolkit.fields import enum_from_choices
from api.toolkit.foreign import foreign_media

from .choices import GovernanceBodyKind, MembershipRole, OrganisationKind, Weekday

OrganisationKindEnum = enum_from_choices("OrganisationKind", OrganisationKind)
GovernanceBodyKindEnum = enum_from_choices("GovernanceBodyKind", GovernanceBodyKind)
MembershipRoleEnum = enum_from_choices("MembershipRole", MembershipRole)
WeekdayEnum = graphene.Enum("Weekday", [(member.name, member.value) for member in Weekday])


class OrganisationType(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    kind = graphene.Field(OrganisationKindEnum, required=True)
    url = graphene.String(required=True)
    parent = graphene.Field(lambda: OrganisationType, description="E.g. Randers Kommune for Børn og Skole.")
    logo = graphene.Field("documents.graphql.ImageType", description="Null when none, or in a private collection.")

    class Meta:
        name = "Organisation"

    def resolve_logo(root, info):
        return _visible_image(info, root, "logo")


class PersonType(graphene.ObjectType):
    """Only people marked public are ever returned; contact details stay in the admin."""

    name = graphene.String(required=True)
    job_title = graphene.String(required=True)
    organisation = graphene.Field(OrganisationType)

    class Meta:
        name = "Person"


class TargetGroupType(graphene.ObjectType):
    name = graphene.String(required=True)
    age_min = graphene.Int()
    age_max = graphene.Int()
    description = graphene.String(required=True)

    class Meta:
        name = "TargetGroup"


class MembershipType(graphene.ObjectType):
    role = graphene.Field(MembershipRoleEnum, required=True)
    role_label = graphene.String(required=True)
    person = graphene.Field(PersonType, required=True)
    represents = graphene.Field(OrganisationType)
    start_date = graphene.Date()
    end_date = graphene.Date()
    source_url = graphene.String(required=True, description="Where the membership is published; may be empty.")

    class Meta:
        name = "Membership"

    def resolve_role_label(root, info):
        return root.get_role_display()


class GovernanceBodyType(graphene.ObjectType):
    id = graphene.ID(required=True)
    kind = graphene.Field(GovernanceBodyKindEnum, required=True)
    name = graphene.String(required=True)
    meeting_frequency = graphene.String(required=True)
    description = graphene.String(required=True)
    mandate = graphene.Field("documents.graphql.DocumentType", description="The kommissorium.")
    memberships = graphene.List(graphene.NonNull(MembershipType), required=True)

    class Meta:
        name = "GovernanceBody"

    def resolve_memberships(root, info):
        return [membership for membership in root.memberships.all() if membership.person.is_public]

    def resolve_mandate(root, info):
        return foreign_media(info, root, "mandate")  # for every body of the list at once


def _visible_image(info, root, field: str):
    """A chosen image, or null when it sits in a private collection (checked by collection id, no query)."""
    if getattr(root, f"{field}_id", None) is None:
        return None
    image = getattr(root, field)
    return image if visibility_of(info).is_media_visible(image) else None


class PlaceType(graphene.ObjectType):
    name = graphene.String(required=True)
    address = graphene.String(required=True)
    postcode = graphene.String(required=True)
    city = graphene.String(required=True)
    latitude = graphene.Float()
    longitude = graphene.Float()
    accessibility = graphene.String(required=True, description="Access for wheelchairs, prams and the like.")
    booking_url = graphene.String(required=True)

    class Meta:
        name = "Place"


class OpeningHoursType(graphene.ObjectType):
    weekday = graphene.Field(WeekdayEnum, required=True)
    weekday_label = graphene.String(required=True, description="Danish, e.g. 'Mandag'.")
    opens = graphene.Time(description="Null with closes null: closed that day, or see note.")
    closes = graphene.Time()
    note = graphene.String(required=True)

    class Meta:
        name = "OpeningHours"

    def resolve_weekday(root, info):
        return root.weekday

    def resolve_weekday_label(root, info):
        return root.get_weekday_display()


class ContactPointType(graphene.ObjectType):
    """A place people can contact or visit, e.g. the office in the footer."""

    name = graphene.String(required=True)
    address = graphene.String(required=True)
    phone = graphene.String(required=True)
    email = graphene.String(required=True)
    place = graphene.Field(PlaceType)
    opening_hours = graphene.List(graphene.NonNull(OpeningHoursType), required=True, description="Monday first.")

    class Meta:
        name = "ContactPoint"

    def resolve_opening_hours(root, info):
        return sorted(root.opening_hours.all(), key=lambda row: (row.weekday, row.sort_order or 0))
