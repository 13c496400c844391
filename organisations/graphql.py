"""Organisations, people and governance bodies as GraphQL types."""

import graphene

from pages.graphql.base import enum_from_choices

from .choices import GovernanceBodyKind, MembershipRole, OrganisationKind

OrganisationKindEnum = enum_from_choices("OrganisationKind", OrganisationKind)
GovernanceBodyKindEnum = enum_from_choices("GovernanceBodyKind", GovernanceBodyKind)
MembershipRoleEnum = enum_from_choices("MembershipRole", MembershipRole)


class OrganisationType(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    kind = graphene.Field(OrganisationKindEnum, required=True)
    url = graphene.String(required=True)

    class Meta:
        name = "Organisation"


class PersonType(graphene.ObjectType):
    """Only people marked public are ever returned; contact details stay in the admin."""

    name = graphene.String(required=True)
    job_title = graphene.String(required=True)

    class Meta:
        name = "Person"


class TargetGroupType(graphene.ObjectType):
    name = graphene.String(required=True)
    age_min = graphene.Int()
    age_max = graphene.Int()

    class Meta:
        name = "TargetGroup"


class MembershipType(graphene.ObjectType):
    role = graphene.Field(MembershipRoleEnum, required=True)
    role_label = graphene.String(required=True)
    person = graphene.Field(PersonType, required=True)
    represents = graphene.Field(OrganisationType)
    start_date = graphene.Date()
    end_date = graphene.Date()

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
        from pages.graphql.loading import foreign_media

        return foreign_media(info, root, "mandate")  # for every body of the list at once
