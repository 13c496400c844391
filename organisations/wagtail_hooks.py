"""Admin listings for organisations, people and governance, grouped in one menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ContactPoint, GovernanceBody, Organisation, Person, Place, TargetGroup


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]
    ordering = ["name"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "job_title", "organisation", "is_public"]
    list_filter = ["is_public", "organisation"]
    search_fields = ["name", "job_title"]


class GovernanceBodyViewSet(SnippetViewSet):
    model = GovernanceBody
    icon = "list-ul"
    list_display = ["name", "kind", "plan_period", "live"]
    list_filter = ["kind", "plan_period", "live"]
    search_fields = ["name"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "user"
    list_display = ["name", "age_min", "age_max"]
    search_fields = ["name"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    list_display = ["name", "address", "housing_area"]
    list_filter = ["housing_area"]
    search_fields = ["name", "address"]


class ContactPointViewSet(SnippetViewSet):
    model = ContactPoint
    icon = "mail"
    list_display = ["name", "address", "phone", "email"]
    search_fields = ["name", "address"]


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = "Organisationer"
    menu_icon = "group"
    menu_order = 200
    items = (
        OrganisationViewSet,
        PersonViewSet,
        GovernanceBodyViewSet,
        TargetGroupViewSet,
        PlaceViewSet,
        ContactPointViewSet,
    )


register_snippet(OrganisationGroup)
