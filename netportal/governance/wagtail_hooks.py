"""Admin registration: the review dashboard panel, the review reports, "Mark as verified"
for associations and the accept/reject actions on visitors' suggestions."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.action_menu import ActionMenuItem

from organizations.models import Association

from . import verification, views
from .models import Suggestion


@hooks.register("construct_homepage_panels")
def add_review_dashboard_panel(request, panels):
    panels.append(views.ReviewDashboardPanel())


report_urls = [
    path("pages-due/", views.PagesDueForReviewReport.as_view(), name="pages_due"),
    path("pages-due/results/", views.PagesDueForReviewReport.as_view(results_only=True), name="pages_due_results"),
    path("associations/", views.AssociationsToVerifyReport.as_view(), name="associations_to_verify"),
    path(
        "associations/results/",
        views.AssociationsToVerifyReport.as_view(results_only=True),
        name="associations_to_verify_results",
    ),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/review/", include((report_urls, "governance_reports"), namespace="governance_reports"))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, is_allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_allowed = is_allowed

    def is_shown(self, request):
        return self.is_allowed(request.user)


@hooks.register("register_reports_menu_item")
def register_pages_due_report():
    return PermissionMenuItem(
        _("Health pages due for review"),
        reverse("governance_reports:pages_due"),
        name="pages-due-for-review",
        icon_name="doc-full-inverse",
        order=650,
        is_allowed=views.can_review_pages,
    )


@hooks.register("register_reports_menu_item")
def register_associations_report():
    return PermissionMenuItem(
        _("Associations to verify"),
        reverse("governance_reports:associations_to_verify"),
        name="associations-to-verify",
        icon_name="group",
        order=660,
        is_allowed=views.can_verify_associations,
    )


action_urls = [
    path("associations/<int:pk>/verify/", views.VerifyAssociationView.as_view(), name="verify_association"),
    path("suggestions/<int:pk>/accept/", views.AcceptSuggestionView.as_view(), name="accept_suggestion"),
    path("suggestions/<int:pk>/reject/", views.RejectSuggestionView.as_view(), name="reject_suggestion"),
]


@hooks.register("register_admin_urls")
def register_action_urls():
    return [path("governance/", include((action_urls, "governance_admin"), namespace="governance_admin"))]


@hooks.register("register_snippet_listing_buttons")
def governance_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Association) and user.has_perm("organizations.change_association"):
        yield ListingButton(
            _("Mark as verified"),
            reverse("governance_admin:verify_association", args=[snippet.pk]),
            icon_name="tick",
            priority=15,
        )
    is_new_suggestion = isinstance(snippet, Suggestion) and snippet.status == Suggestion.Status.NEW
    if is_new_suggestion and views.can_handle_suggestions(user):
        yield ListingButton(
            _("Accept"), reverse("governance_admin:accept_suggestion", args=[snippet.pk]), icon_name="tick", priority=5
        )
        yield ListingButton(
            _("Reject"), reverse("governance_admin:reject_suggestion", args=[snippet.pk]), icon_name="cross", priority=6
        )


hooks.register("register_bulk_action", views.VerifyAssociationsBulkAction)


class VerifyAssociationMenuItem(ActionMenuItem):
    """ "Mark as verified" in the association editor's action menu; opens the confirmation."""

    label = _("Mark as verified")
    name = "action-verify"
    icon_name = "tick"

    def is_shown(self, context):
        return (
            context["view"] == "edit"
            and context["request"].user.has_perm("organizations.change_association")
            and super().is_shown(context)
        )

    def get_url(self, parent_context):
        return reverse("governance_admin:verify_association", args=[parent_context["instance"].pk])


@hooks.register("register_snippet_action_menu_item")
def register_verify_menu_item(model):
    if model is Association:
        return VerifyAssociationMenuItem(order=60)
    return None


@hooks.register("register_log_actions")
def register_governance_log_actions(actions):
    actions.register_action(
        verification.VERIFY_ACTION, verification.VERIFY_ACTION_LABEL, verification.VERIFY_ACTION_MESSAGE
    )
    actions.register_action(views.ACCEPT_ACTION, _("Accept suggestion"), _("Suggestion accepted"))
    actions.register_action(views.REJECT_ACTION, _("Reject suggestion"), _("Suggestion rejected"))
    actions.register_action(
        views.APPLY_ACTION, _("Apply a visitor's suggestion"), _("Published with a visitor's suggestion, checked")
    )


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_applied_suggestion(request, instance):
    if isinstance(instance, Association):
        views.record_applied_suggestion(request, instance)
