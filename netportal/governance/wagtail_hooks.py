"""Admin registration: the review dashboard panel, the review reports, "Mark as verified"
for associations and the accept/reject actions on visitors' suggestions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import register_snippet

from glossary.models import GlossaryTerm
from organizations.models import Association
from treatments.models import HealthPage

from . import roles, translations, verification, views
from .models import Suggestion

register_snippet(views.MedicalReviewViewSetGroup)


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
    path("translations/<int:pk>/submit/", views.SubmitTranslationView.as_view(), name="submit_translation"),
    path(
        "translations/glossary/<int:pk>/submit/",
        views.SubmitGlossaryTranslationView.as_view(),
        name="submit_glossary_translation",
    ),
]


def submit_translation_button(page, user, view_name=None, next_url=None):
    if translations.can_submit_translation(user, page.specific_deferred):
        yield ListingButton(
            _("Submit translation for medical review"),
            reverse("governance_admin:submit_translation", args=[page.pk]),
            priority=5,
        )


# In the page explorer and the page header: wagtail-localize's translation editor has no workflow step.
hooks.register("register_page_listing_more_buttons", submit_translation_button)
hooks.register("register_page_header_buttons", submit_translation_button)


@hooks.register("register_snippet_listing_buttons")
def submit_glossary_translation_button(snippet, user, next_url=None):
    if isinstance(snippet, GlossaryTerm) and translations.can_submit_translation(user, snippet):
        yield ListingButton(
            _("Submit translation for medical review"),
            reverse("governance_admin:submit_glossary_translation", args=[snippet.pk]),
            priority=5,
        )


@hooks.register("before_edit_snippet")
def keep_translators_to_translations(request, instance):
    """Translators change glossary terms only through their translations, never the site's own terms."""
    if (
        isinstance(instance, GlossaryTerm)
        and not translations.is_translation(instance)
        and not translations.may_change_source_language(request.user)
    ):
        raise PermissionDenied
    return None


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


def can_approve(page, user):
    """True when `user` may approve the workflow task the page is on."""
    task = page.current_workflow_task
    return task is not None and any(name == "approve" for name, _label, _modal in task.get_actions(page, user))


@hooks.register("before_edit_page")
def warn_reviewer_about_placeholders(request, page):
    """Before approving, a reviewer learns that the page still uses stand-in pictures."""
    images = getattr(page, "placeholder_images", None)
    if request.method != "GET" or not images or not can_approve(page, request.user):
        return None
    messages.warning(
        request,
        ngettext(
            "This page still uses %(count)d placeholder image. Visitors will not see it; check that the page reads "
            "well without it before you approve.",
            "This page still uses %(count)d placeholder images. Visitors will not see them; check that the page "
            "reads well without them before you approve.",
            len(images),
        )
        % {"count": len(images)},
    )
    return None


# --- The workflow leads: health pages go through medical review; only Administrators publish directly ---


def is_administrator(user):
    return user.is_superuser or user.groups.filter(name=roles.ADMINISTRATORS).exists()


def is_health_page_class(page_class):
    return page_class is not None and issubclass(page_class, HealthPage)


class SubmitForMedicalReviewMenuItem(SubmitForModerationMenuItem):
    """Wagtail's "Submit to Medical review", in the portal's words."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        workflow_state = page.current_workflow_state if page and page.pk else None
        if workflow_state and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Resubmit for medical review")
        else:
            context["label"] = _("Submit for medical review")
        return context


@hooks.register("construct_page_action_menu")
def lead_with_medical_review(menu_items, request, context):
    """On a health page: the review step comes first, and plain "Publish" is for Administrators only."""
    page = context.get("page")
    if not isinstance(page, HealthPage):
        return
    if not is_administrator(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]
    for position, item in enumerate(menu_items):
        if item.name == "action-submit":
            menu_items[position] = SubmitForMedicalReviewMenuItem(order=item.order)
    # The first item is the primary button: "Approve and Publish" (Wagtail's label for the last task's approval)
    # for a reviewer, otherwise the submission.
    for name in ("action-submit", "approve"):
        first = next((item for item in menu_items if item.name == name), None)
        if first is not None:
            menu_items.remove(first)
            menu_items.insert(0, first)


def is_direct_publish(request):
    """Wagtail's "Publish", or "Publish in …" in wagtail-localize's translation editor."""
    return request.method == "POST" and ("action-publish" in request.POST or request.POST.get("action") == "publish")


def refuse_direct_publish(request):
    messages.error(
        request,
        _("Health pages are published by approving them in the medical review. Submit the page for medical review."),
    )
    return redirect(request.get_full_path())


@hooks.register("before_edit_page")
def refuse_direct_publish_on_edit(request, page):
    if is_direct_publish(request) and isinstance(page, HealthPage) and not is_administrator(request.user):
        return refuse_direct_publish(request)
    return None


@hooks.register("before_create_page")
def refuse_direct_publish_on_create(request, parent_page, page_class):
    if is_direct_publish(request) and is_health_page_class(page_class) and not is_administrator(request.user):
        return refuse_direct_publish(request)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish_of_health_pages(request, action_type, objects, action_class_instance):
    if action_type != "publish" or is_administrator(request.user):
        return None
    if any(isinstance(getattr(item, "specific", item), HealthPage) for item in objects):
        messages.error(request, _("Health pages are published by approving them in the medical review."))
        return redirect(request.META.get("HTTP_REFERER") or reverse("wagtailadmin_explore_root"))
    return None


def sent_for_review_message(request, page):
    if request.method == "POST" and "action-submit" in request.POST and isinstance(page, HealthPage):
        messages.success(
            request, _("Sent for medical review: a medical reviewer will check it before it is published.")
        )


@hooks.register("after_edit_page")
def confirm_submission_on_edit(request, page):
    sent_for_review_message(request, page)
    approved_message(request, page)


def approved_message(request, page):
    """After "Approve and Publish" in the editor: the review the approval recorded, in the portal's words."""
    approving = request.POST.get("action-workflow-action") and request.POST.get("workflow-action-name") == "approve"
    if request.method != "POST" or not approving or not isinstance(page, HealthPage):
        return
    page = type(page).objects.get(pk=page.pk)
    if page.next_review_due:
        messages.success(
            request,
            _("Approved: next review due %(date)s.") % {"date": date_format(page.next_review_due, "j F Y")},
        )


@hooks.register("after_create_page")
def confirm_submission_on_create(request, page):
    sent_for_review_message(request, page)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_applied_suggestion(request, instance):
    if isinstance(instance, Association):
        views.record_applied_suggestion(request, instance)
