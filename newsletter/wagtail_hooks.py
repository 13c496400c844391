"""The newsletter in the Wagtail admin: issues to review and approve, subscribers to look up.

Subscribers cannot be added or edited by staff (consent comes from the person
through double opt-in); staff can look one up, export that person's data, and
delete it.
"""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton, ListingButton

from .build import NewsletterBuildError, issue_html_for_web, newsletter_issue_render, previous_month
from .models import DeliveryState, IssueState, NewsletterIssue, NewsletterRun, RunKind, Subscriber
from .runs import RunRefused, newsletter_run_queue
from .selectors import subscriber_data_export
from .sending import NewsletterSendError, newsletter_issue_approve

# Editors build, preview and test; approving and sending mails every subscriber.
APPROVE_PERMISSION = "newsletter.approve_issue"
SEND_PERMISSION = "newsletter.send_issue"

# The preview shows our own rendered HTML; it may load images, never run scripts.
PREVIEW_CSP = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'"


class IssueIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton("Byg udgave", url=reverse("newsletter_issues:build"), icon_name="plus"),
        ]

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                "Status og afsendelse",
                url=reverse("newsletter_issues:status", args=[instance.pk]),
                icon_name="list-ul",
                priority=4,
            )
        )
        buttons.append(
            ListingButton(
                "Forhåndsvis",
                url=reverse("newsletter_issues:preview", args=[instance.pk]),
                icon_name="view",
                attrs={"target": "_blank", "rel": "noopener"},
                priority=5,
            )
        )
        if not instance.is_locked and self.request.user.has_perm(APPROVE_PERMISSION):
            buttons.append(
                ListingButton(
                    "Godkend",
                    url=reverse("newsletter_issues:approve", args=[instance.pk]),
                    icon_name="check",
                    priority=6,
                )
            )
        return buttons

    def get_delete_url(self, instance):
        return None if instance.is_locked else super().get_delete_url(instance)


# The ledger of a sent issue is what stops the hourly build and a new approval from
# mailing everyone a second time: an issue that has begun sending is never deleted.
LOCKED_ISSUE_NOT_DELETED = (
    "Udgaven for {month} er sendt eller ved at blive sendt og kan ikke slettes: "
    "listen over, hvem der har fået den, skal bevares, så ingen får den to gange."
)


class IssueDeleteView(generic.DeleteView):
    # get and post run after the permission check in dispatch.
    def get(self, request, *args, **kwargs):
        return self._refuse() if self.object.is_locked else super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse() if self.object.is_locked else super().post(request, *args, **kwargs)

    def _refuse(self):
        messages.error(self.request, LOCKED_ISSUE_NOT_DELETED.format(month=self.object.month_label))
        return redirect(self.index_url_name)

    def delete_action(self):
        # Sending may have begun since the page was shown: decide on the locked row.
        with transaction.atomic():
            issue = NewsletterIssue.objects.select_for_update().get(pk=self.object.pk)
            if issue.is_locked:
                raise PermissionDenied(LOCKED_ISSUE_NOT_DELETED.format(month=issue.month_label))
            super().delete_action()


class IssueEditView(generic.EditView):
    def save_instance(self):
        """The intro is part of the HTML and text: render them again; a changed issue needs a new approval."""
        issue = self.form.save(commit=False)
        if issue.is_locked:
            raise PermissionDenied("En sendt udgave kan ikke ændres.")
        if issue.state == IssueState.APPROVED and self.form.has_changed():
            issue.state, issue.approved_at, issue.approved_by = IssueState.DRAFT, None, None
            messages.warning(self.request, "Udgaven er ændret og skal godkendes igen.")
        newsletter_issue_render(issue=issue)
        issue.save()
        return issue

    @cached_property
    def can_delete(self):
        return not self.object.is_locked and super().can_delete


class NewsletterIssueViewSet(ModelViewSet):
    model = NewsletterIssue
    icon = "mail"
    menu_label = "Udgaver"
    url_prefix = "nyhedsbrev/udgaver"
    name = "newsletter_issues"
    form_fields = ["subject", "intro"]
    list_display = ["__str__", "month", "state", "built_at", "approved_at", "sent_at"]
    list_filter = ["state"]
    copy_view_enabled = False
    index_view_class = IssueIndexView
    edit_view_class = IssueEditView
    delete_view_class = IssueDeleteView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, **kwargs})  # issues come from the build

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "add"] + [
            path("preview/<int:pk>/", self.preview_view, name="preview"),
            path("approve/<int:pk>/", self.approve_view, name="approve"),
            path("byg/", self.build_view, name="build"),
            path("status/<int:pk>/", self.status_view, name="status"),
            path("test/<int:pk>/", self.test_view, name="test"),
            path("send/<int:pk>/", self.send_view, name="send"),
        ]

    def _check(self, request, action: str):
        if not self.permission_policy.user_has_permission(request.user, action):
            raise PermissionDenied

    def preview_view(self, request, pk):
        self._check(request, "change")
        issue = get_object_or_404(NewsletterIssue, pk=pk)
        response = HttpResponse(issue_html_for_web(issue=issue))
        response["Content-Security-Policy"] = PREVIEW_CSP
        return response

    def approve_view(self, request, pk):
        self._check(request, "change")
        if not request.user.has_perm(APPROVE_PERMISSION):
            raise PermissionDenied
        issue = get_object_or_404(NewsletterIssue, pk=pk)
        if request.method == "POST":
            try:
                newsletter_issue_approve(issue=issue, user=request.user)
            except (NewsletterSendError, NewsletterBuildError) as error:
                messages.error(request, str(error))
            else:
                messages.success(request, f"{issue} er godkendt. Send den fra siden “Status og afsendelse”.")
            return redirect(self.get_url_name("status"), issue.pk)
        return TemplateResponse(
            request,
            "newsletter/admin/approve.html",
            {
                "issue": issue,
                "preview_url": reverse(self.get_url_name("preview"), args=[issue.pk]),
                "index_url": reverse(self.get_url_name("index")),
            },
        )

    def build_view(self, request):
        """Build (or rebuild) a month's issue in the background; the result shows on the issue's status page."""
        self._check(request, "change")
        default_month = previous_month(timezone.localdate()).strftime("%Y-%m")
        if request.method == "POST":
            try:
                month = dt.datetime.strptime(request.POST.get("month", ""), "%Y-%m").date()
            except ValueError:
                messages.error(request, "Angiv måneden som ÅÅÅÅ-MM, fx 2026-11.")
                return redirect(self.get_url_name("build"))
            return self._queue(request, kind=RunKind.BUILD, month=month, done="Udgaven bygges nu.")
        return TemplateResponse(
            request,
            "newsletter/admin/build.html",
            {
                "default_month": default_month,
                "runs": NewsletterRun.objects.filter(kind=RunKind.BUILD).select_related("requested_by")[:10],
                "index_url": reverse(self.get_url_name("index")),
            },
        )

    def status_view(self, request, pk):
        self._check(request, "change")
        issue = get_object_or_404(NewsletterIssue, pk=pk)
        counts = dict(issue.deliveries.values_list("state").annotate(n=Count("pk")))
        return TemplateResponse(
            request,
            "newsletter/admin/status.html",
            {
                "issue": issue,
                "deliveries": [(label, counts.get(value, 0)) for value, label in DeliveryState.choices],
                "delivery_total": sum(counts.values()),
                "runs": NewsletterRun.objects.filter(month=issue.month).select_related("requested_by")[:20],
                "can_approve": request.user.has_perm(APPROVE_PERMISSION) and not issue.is_locked,
                "can_send": request.user.has_perm(SEND_PERMISSION)
                and issue.state in (IssueState.APPROVED, IssueState.SENDING),
                "preview_url": reverse(self.get_url_name("preview"), args=[issue.pk]),
                "edit_url": reverse(self.get_url_name("edit"), args=[issue.pk]),
                "approve_url": reverse(self.get_url_name("approve"), args=[issue.pk]),
                "test_url": reverse(self.get_url_name("test"), args=[issue.pk]),
                "send_url": reverse(self.get_url_name("send"), args=[issue.pk]),
                "index_url": reverse(self.get_url_name("index")),
            },
        )

    @method_decorator(require_POST)
    def test_view(self, request, pk):
        self._check(request, "change")
        issue = get_object_or_404(NewsletterIssue, pk=pk)
        return self._queue(
            request, kind=RunKind.TEST, month=issue.month, done=f"Testmailen sendes til {request.user.email}."
        )

    @method_decorator(require_POST)
    def send_view(self, request, pk):
        self._check(request, "change")
        if not request.user.has_perm(SEND_PERMISSION):
            raise PermissionDenied
        issue = get_object_or_404(NewsletterIssue, pk=pk)
        return self._queue(request, kind=RunKind.SEND, month=issue.month, done="Udgaven sendes nu til abonnenterne.")

    def _queue(self, request, *, kind: str, month: dt.date, done: str):
        try:
            newsletter_run_queue(kind=kind, month=month, user=request.user)
        except RunRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, f"{done} Resultatet vises herunder, når kørslen er færdig.")
        issue = NewsletterIssue.objects.filter(month=month).first()
        if issue is None:  # a build of a new month: its issue appears when the build is done
            return redirect(self.get_url_name("build"))
        return redirect(self.get_url_name("status"), issue.pk)


class SubscriberIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                "Eksportér data (JSON)",
                url=reverse("newsletter_subscribers:export", args=[instance.pk]),
                icon_name="download",
                priority=25,
            )
        )
        return buttons


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "user"
    menu_label = "Abonnenter"
    url_prefix = "nyhedsbrev/abonnenter"
    name = "newsletter_subscribers"
    form_fields = ["email"]  # required by the viewset; the edit and add views are not exposed
    list_display = ["email", "state", "created_at", "confirmed_at"]
    list_filter = ["state"]
    search_fields = ["email"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["email", "state", "consent_text", "consent_at", "created_at", "confirmed_at"]
    index_view_class = SubscriberIndexView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, "edit_url_name": None, **kwargs})

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in ("add", "edit")] + [
            path("export/<int:pk>/", self.export_view, name="export")
        ]

    def export_view(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        subscriber = get_object_or_404(Subscriber, pk=pk)
        response = JsonResponse(
            subscriber_data_export(subscriber=subscriber), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Disposition"] = f'attachment; filename="abonnent-{subscriber.pk}.json"'
        return response


class NewsletterViewSetGroup(ModelViewSetGroup):
    menu_label = "Nyhedsbrev"
    menu_icon = "mail"
    menu_order = 160
    items = (NewsletterIssueViewSet, SubscriberViewSet)


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return NewsletterViewSetGroup()
