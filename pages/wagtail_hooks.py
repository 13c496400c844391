"""Admin hooks for pages: listings for the plan's dated facts, and preview on the frontend."""

from django.conf import settings
from django.shortcuts import redirect
from django.template.loader import render_to_string
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AreaClassification, Criterion, FundingLine, KeyFigure
from .preview import preview_url


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


# Preview on the frontend, beside Wagtail's preview panel (the CMS's own rendering,
# pages/reference.py): this menu item saves the draft and sends the editor to the
# frontend with a token. Offered only when FRONTEND_PREVIEW_URL is set.
PREVIEW_ACTION = "action-frontend-preview"


class FrontendPreviewMenuItem(ActionMenuItem):
    label = "Gem og forhåndsvis på hjemmesiden"
    name = PREVIEW_ACTION
    icon_name = "view"
    order = 5

    def is_shown(self, context):
        return bool(settings.FRONTEND_PREVIEW_URL) and super().is_shown(context)


@hooks.register("register_page_action_menu_item")
def register_frontend_preview_menu_item():
    return FrontendPreviewMenuItem()


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def redirect_to_frontend_preview(request, page):
    if request.method == "POST" and request.POST.get(PREVIEW_ACTION):
        return redirect(preview_url(page=page))
    return None


@hooks.register("insert_editor_js")
def early_edits_count_as_changes():
    """Edits made in the editor's first seconds are autosaved too (see the template and docs/autosave.md)."""
    return render_to_string("pages/admin/early_edits.html")
