"""An extension point in the page editor: status panels that other apps register.

Pages know nothing of the jobs that act on them; a job shows its status on the page by
registering a panel with the `register_page_status_panel` hook (a function returning a
Panel). The hooks are read when Wagtail binds the edit handler to a model, after every
app has loaded, so no page model imports a job.
"""

from wagtail import hooks
from wagtail.admin.panels import Panel, PanelGroup

STATUS_PANEL_HOOK = "register_page_status_panel"


class RegisteredStatusPanels(Panel):
    """Stands for the panels registered with the hook: the one panel itself, or a group of several."""

    def bind_to_model(self, model):
        panels = [make_panel() for make_panel in hooks.get_hooks(STATUS_PANEL_HOOK)]
        if not panels:
            return super().bind_to_model(model)
        if len(panels) == 1:
            return panels[0].bind_to_model(model)
        return PanelGroup(panels).bind_to_model(model)

    class BoundPanel(Panel.BoundPanel):
        def is_shown(self):
            return False  # nothing registered
