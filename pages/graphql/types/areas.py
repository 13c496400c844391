"""Housing areas and their official classifications."""

import graphene

from api.toolkit.context import visibility_of

from ...selectors import housing_area_relation
from ..base import html_of
from ..blocks import StreamBlockInterface
from ..loading import related
from .enums import (
    ListTypeEnum,
)
from .facts import CriterionType, KeyFigureType, key_figures_of
from .interface import PageInterface, _body
from .listing import ImageField, resolve_listing_image
from .plan import PlanPeriodCoverage


class AreaClassificationType(graphene.ObjectType):
    list_date = graphene.Date(required=True)
    list_type = graphene.Field(ListTypeEnum, required=True)
    list_type_label = graphene.String(required=True)
    official_area_name = graphene.String(required=True)
    note = graphene.String(required=True)
    criteria_met = graphene.List(graphene.NonNull(CriterionType), required=True, description="By label.")
    verified = graphene.Boolean(required=True, description="Checked against the official list by staff.")
    source_url = graphene.String(required=True, description="The official list; may be empty.")

    class Meta:
        name = "AreaClassification"

    def resolve_criteria_met(root, info):
        return sorted(root.criteria_met.all(), key=lambda criterion: criterion.label)

    def resolve_list_type_label(root, info):
        return root.get_list_type_display()


class DepartmentType(graphene.ObjectType):
    """A housing department (boligafdeling) in the area."""

    number = graphene.String(required=True, description="The department's number; may be empty.")
    name = graphene.String(required=True)
    organisation = graphene.Field("organisations.graphql.OrganisationType")
    units = graphene.Int(description="Number of homes; null when not known.")

    class Meta:
        name = "Department"


class HousingAreaPageType(graphene.ObjectType):
    description = graphene.String(required=True, description="HTML.")
    local_status_label = graphene.String(required=True, description="A local label, not an official list.")
    boundary_description = graphene.String(required=True)
    teaser = graphene.String(required=True)
    housing_organisations = graphene.List(graphene.NonNull("organisations.graphql.OrganisationType"), required=True)
    classifications = graphene.List(
        graphene.NonNull(AreaClassificationType), required=True, description="Newest list first."
    )
    current_classification = graphene.Field(AreaClassificationType, description="The entry of the newest list.")
    plan_period_coverage = graphene.List(graphene.NonNull(PlanPeriodCoverage), required=True)
    body = graphene.List(graphene.NonNull(StreamBlockInterface), required=True)
    departments = graphene.List(graphene.NonNull(DepartmentType), required=True, description="In the editor's order.")
    key_figures = graphene.List(graphene.NonNull(KeyFigureType), required=True)
    latitude = graphene.Float()
    longitude = graphene.Float()
    image = ImageField

    class Meta:
        name = "HousingAreaPage"
        interfaces = (PageInterface,)

    resolve_body = _body
    resolve_image = resolve_listing_image

    def resolve_departments(root, info):
        return sorted(root.departments.all(), key=lambda department: (department.sort_order or 0, department.pk))

    def resolve_key_figures(root, info):
        return key_figures_of(root)

    def resolve_description(root, info):
        return html_of(info, root.description)

    def resolve_housing_organisations(root, info):
        return _area_related(info, root, "housing_organisations")

    def resolve_classifications(root, info):
        return sorted(_area_related(info, root, "classifications"), key=lambda c: c.list_date, reverse=True)

    def resolve_current_classification(root, info):
        rows = sorted(_area_related(info, root, "classifications"), key=lambda c: c.list_date, reverse=True)
        return rows[0] if rows else None

    def resolve_plan_period_coverage(root, info):
        visibility = visibility_of(info)
        return [row for row in _area_related(info, root, "period_coverage") if visibility.is_page_visible(row.page)]


def _area_related(info, area, name: str) -> list:
    """A housing area's relation, loaded for every area of the list at once; selectors may have prefetched it."""
    visibility = visibility_of(info)

    def queryset():
        relation = housing_area_relation(visibility, name)
        return relation.queryset if not isinstance(relation, str) else None

    return related(info, area, name, queryset)
