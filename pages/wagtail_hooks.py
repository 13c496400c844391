"""Admin listings for the plan's dated facts: funding, official lists, key figures."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AreaClassification, Criterion, FundingLine, KeyFigure


class FundingLineViewSet(SnippetViewSet):
    model = FundingLine
    icon = "table"
    list_display = ["__str__", "plan_period", "activity", "amount_kind", "live"]
    list_filter = ["funding_type", "amount_kind", "plan_period", "live"]
    search_fields = ["note", "programme"]


class AreaClassificationViewSet(SnippetViewSet):
    model = AreaClassification
    icon = "tag"
    list_display = ["housing_area", "list_date", "list_type", "official_area_name", "verified"]
    list_filter = ["list_type", "housing_area", "verified"]
    search_fields = ["official_area_name", "note"]


class KeyFigureViewSet(SnippetViewSet):
    model = KeyFigure
    icon = "pick"
    list_display = ["label", "value", "unit", "as_of", "plan_period", "housing_area"]
    list_filter = ["plan_period", "housing_area"]
    search_fields = ["label"]


class CriterionViewSet(SnippetViewSet):
    model = Criterion
    icon = "list-ol"
    list_display = ["label", "code"]
    search_fields = ["label", "code"]


class PlanFactsGroup(SnippetViewSetGroup):
    menu_label = "Helhedsplan"
    menu_icon = "table"
    menu_order = 150
    items = (FundingLineViewSet, AreaClassificationViewSet, KeyFigureViewSet, CriterionViewSet)


register_snippet(PlanFactsGroup)
