"""Staff views: the review dashboard panel, the review reports, verifying associations and
reviewing visitors' suggestions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet, SnippetViewSetGroup

from glossary.models import GlossaryTerm
from netportal.core.models import SiteSettings
from netportal.core.spreadsheets import SpreadsheetSafeExportMixin, SpreadsheetSafeIndexView
from organizations.country_search import resolve_country
from organizations.models import Association

from . import review, translations
from .models import ReviewerProfile, ReviewRecord, Suggestion
from .verification import mark_verified

ACCEPT_ACTION = "governance.accept_suggestion"
REJECT_ACTION = "governance.reject_suggestion"
APPLY_ACTION = "governance.apply_suggestion"

DASHBOARD_LIMIT = 20


def can_review_pages(user):
    return user_has_any_page_permission(user)


def can_verify_associations(user):
    return user.has_perm("organizations.change_association")


class ReviewDashboardPanel(Component):
    """Admin home: health pages due for review and associations due for verification."""

    name = "review_dashboard"
    template_name = "governance/review_dashboard_panel.html"
    order = 90  # above Wagtail's own panels: this is what staff should act on first

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        finder = AdminURLFinder(user)
        context = {
            "pages": None,
            "hard_pages": None,
            "associations": None,
            "stale_translations": None,
            "today": timezone.localdate(),
        }
        if can_review_pages(user):
            pages = review.pages_due_for_review()
            context["pages"] = [(page, finder.get_edit_url(page)) for page in pages[:DASHBOARD_LIMIT]]
            context["pages_total"] = len(pages)
            target = SiteSettings.for_request(parent_context["request"]).reading_age_target
            hard = review.pages_above_reading_age(target)
            context["reading_age_target"] = target
            context["hard_pages"] = [(page, level, finder.get_edit_url(page)) for page, level in hard[:DASHBOARD_LIMIT]]
            context["hard_pages_total"] = len(hard)
        if can_review_pages(user) or user.has_perm("wagtail_localize.submit_translation"):
            stale = translations.translations_out_of_date()
            context["stale_translations"] = [
                (page, original, finder.get_edit_url(page)) for page, original in stale[:DASHBOARD_LIMIT]
            ]
        if can_verify_associations(user):
            associations = review.associations_to_verify()
            context["associations"] = [
                (association, finder.get_edit_url(association)) for association in associations[:DASHBOARD_LIMIT]
            ]
            context["associations_total"] = associations.count()
            context["flagged"] = [
                (association, finder.get_edit_url(association))
                for association in Association.objects.exclude(verification_note="").order_by("name")[:DASHBOARD_LIMIT]
            ]
        if policy_registry.get_by_type(get_image_model()).user_has_any_permission(user, ["change"]):
            context["placeholder_images"] = [
                (image, reverse("wagtailimages:edit", args=[image.pk]))
                for image in get_image_model().objects.filter(is_placeholder=True).order_by("title")
            ]
        if can_handle_suggestions(user):
            waiting = Suggestion.objects.filter(status=Suggestion.Status.NEW).aggregate(
                corrections=Count("pk", filter=Q(kind=Suggestion.Kind.CORRECTION)),
                new_associations=Count("pk", filter=Q(kind=Suggestion.Kind.NEW)),
            )
            listing = reverse("wagtailsnippets_governance_suggestion:list")
            context["suggestions"] = {
                **waiting,
                "total": waiting["corrections"] + waiting["new_associations"],
                "corrections_url": f"{listing}?status=new&kind=correction",
                "new_associations_url": f"{listing}?status=new&kind=new",
            }
        return context


class EditLinkColumn(TitleColumn):
    """The item's title, linking to its edit view."""

    def __init__(self, name, **kwargs):
        super().__init__(name, get_url=self.edit_url, **kwargs)

    def edit_url(self, instance):
        return AdminURLFinder().get_edit_url(instance)


class PagesDueForReviewReport(SpreadsheetSafeExportMixin, ReportView):
    """Every live health page whose review is past or due within 30 days; exports as CSV or XLSX."""

    page_title = _("Health pages due for review")
    header_icon = "doc-full-inverse"
    index_url_name = "governance_reports:pages_due"
    index_results_url_name = "governance_reports:pages_due_results"
    columns = [
        EditLinkColumn("title", label=_("Title")),
        DateColumn("last_reviewed", label=_("Last reviewed")),
        DateColumn("next_review_due", label=_("Next review due")),
    ]
    list_export = ["title", "last_reviewed", "next_review_due", "full_url"]
    export_headings = {
        "title": _("Title"),
        "last_reviewed": _("Last reviewed"),
        "next_review_due": _("Next review due"),
        "full_url": _("Address"),
    }
    no_results_message = _("No health page is due for review in the next 30 days.")

    def dispatch(self, request, *args, **kwargs):
        if not can_review_pages(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"health-pages-due-for-review-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        return review.pages_due_for_review()


class AssociationsToVerifyReport(SpreadsheetSafeExportMixin, ReportView):
    """Every live association never verified or verified more than 12 months ago."""

    page_title = _("Associations to verify")
    header_icon = "group"
    index_url_name = "governance_reports:associations_to_verify"
    index_results_url_name = "governance_reports:associations_to_verify_results"
    columns = [
        EditLinkColumn("name", label=_("Name")),
        Column("country", label=_("Country"), accessor=lambda association: association.country.name or "-"),
        DateColumn("last_verified", label=_("Last verified")),
    ]
    list_export = ["name", "country", "last_verified"]
    export_headings = {"name": _("Name"), "country": _("Country"), "last_verified": _("Last verified")}
    no_results_message = _("Every association was verified within the last 12 months.")

    def dispatch(self, request, *args, **kwargs):
        if not can_verify_associations(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"associations-to-verify-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        return review.associations_to_verify()


# --- Verifying associations ---


class ConfirmObjectActionView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks for confirmation, POST does the action: works without JavaScript and keeps CSRF."""

    model = None
    permission = ""
    template_name = "governance/admin/confirm_action.html"
    confirmation_message = ""
    confirm_label = ""

    def dispatch(self, request, pk):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.object = get_object_or_404(self.model, pk=pk)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_cancel_url(self):
        return reverse(self.model.snippet_viewset.get_url_name("list"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object,
            confirmation_message=self.confirmation_message,
            confirm_label=self.confirm_label,
            cancel_url=self.get_cancel_url(),
            **kwargs,
        )

    def post(self, request, pk):
        return self.perform()


class VerifyAssociationView(ConfirmObjectActionView):
    """Mark one association's details as checked today."""

    model = Association
    permission = "organizations.change_association"
    page_title = _("Mark as verified")
    header_icon = "tick"
    confirmation_message = _("Did you check this association's details today? Its last verified date becomes today.")
    confirm_label = _("Yes, mark as verified")

    def perform(self):
        mark_verified(self.object, self.request.user)
        messages.success(self.request, _("'%(name)s' marked as verified today.") % {"name": self.object.name})
        return redirect(self.get_cancel_url())


class SubmitTranslationView(ConfirmObjectActionView):
    """Send a translated health page to its Medical review: wagtail-localize's editor, which
    replaces the page editor for a translation, offers "Publish" and no workflow step."""

    model = Page
    page_title = _("Submit translation for medical review")
    header_icon = "resubmit"
    confirmation_message = _(
        "A medical reviewer will check this translation. It is published when they approve it; until "
        "then visitors read the original."
    )
    confirm_label = _("Submit for medical review")

    def dispatch(self, request, pk):
        self.object = get_object_or_404(self.model, pk=pk)
        if isinstance(self.object, Page):
            self.object = self.object.specific
        if not translations.can_submit_translation(request.user, self.object):
            raise PermissionDenied
        return super(ConfirmObjectActionView, self).dispatch(request, pk)

    def get_cancel_url(self):
        return reverse("wagtailadmin_explore", args=[self.object.get_parent().pk])

    def perform(self):
        translations.submit_translation(self.object, self.request.user)
        messages.success(
            self.request, _("Sent for medical review: a medical reviewer will check it before it is published.")
        )
        return redirect(self.get_cancel_url())


class SubmitGlossaryTranslationView(SubmitTranslationView):
    """The same for a translated glossary term (wagtail-localize's snippet editor has no workflow step either)."""

    model = GlossaryTerm

    def get_cancel_url(self):
        return reverse("wagtailsnippets_glossary_glossaryterm:list")


class VerifyAssociationsBulkAction(SnippetBulkAction):
    """ "Mark as verified" for the associations ticked in the listing."""

    models = [Association]
    display_name = _("Mark as verified")
    action_type = "verify"
    aria_label = _("Mark the selected associations as verified today")
    template_name = "governance/admin/confirm_bulk_verify.html"
    action_priority = 20

    def check_perm(self, snippet):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, "change", snippet)

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        today = timezone.localdate()
        for association in objects:
            mark_verified(association, user, today=today)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d association marked as verified today.",
            "%(count)d associations marked as verified today.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


# --- Visitors' suggestions ---


def can_handle_suggestions(user):
    return user.has_perm("governance.change_suggestion") and user.has_perm("organizations.change_association")


class SuggestionFilterSet(WagtailFilterSet):
    class Meta:
        model = Suggestion
        fields = {"status": ["exact"], "kind": ["exact"]}


class SuggestionIndexView(SpreadsheetSafeIndexView):
    """A suggestion's title opens it read-only; changing it happens through Accept or Reject."""

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)


class SuggestionInspectView(InspectView):
    """The visitor's text beside the association's current values, with Accept and Reject."""

    template_name = "governance/admin/suggestion_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        suggestion = self.object
        association = suggestion.association
        rows = []
        for field, label in (("name", _("Name")), ("country", _("Country")), ("website", _("Website"))):
            rows.append((label, current_value(association, field), getattr(suggestion, field)))
        rows.append((_("Email"), current_value(association, "email"), suggestion.email))
        is_waiting = suggestion.status == Suggestion.Status.NEW and can_handle_suggestions(self.request.user)
        context.update(
            suggestion=suggestion,
            association=association,
            association_edit_url=AdminURLFinder(self.request.user).get_edit_url(association) if association else "",
            comparison=rows,
            accept_url=reverse("governance_admin:accept_suggestion", args=[suggestion.pk]) if is_waiting else "",
            reject_url=reverse("governance_admin:reject_suggestion", args=[suggestion.pk]) if is_waiting else "",
        )
        return context


def current_value(association, field):
    if association is None:
        return ""
    value = getattr(association, field)
    if field == "country":
        return value.name if value else ""
    return value


class SuggestionViewSet(SnippetViewSet):
    """Suggestions from visitors, newest first; accept opens the association to edit, reject files them."""

    model = Suggestion
    icon = "comment"
    menu_label = _("Suggestions")
    menu_order = 300
    add_to_admin_menu = False
    inspect_view_enabled = True
    index_view_class = SuggestionIndexView
    inspect_view_class = SuggestionInspectView
    list_display = (
        "__str__",
        Column("kind", accessor="get_kind_display", label=_("Kind"), sort_key="kind"),
        StatusTagColumn(
            "status",
            accessor="get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda suggestion: suggestion.status == Suggestion.Status.NEW,
        ),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
    )
    list_export = ["kind", "association", "name", "country", "website", "email", "message", "status", "created_at"]
    filterset_class = SuggestionFilterSet
    search_fields = ["name", "message", "country"]
    search_backend_name = None
    ordering = ["-created_at"]
    inspect_view_fields = [
        "kind",
        "association",
        "name",
        "country",
        "website",
        "email",
        "message",
        "contact_email",
        "status",
        "created_at",
    ]


class SuggestionActionView(ConfirmObjectActionView):
    model = Suggestion
    permission = "governance.change_suggestion"
    header_icon = "comment"

    def dispatch(self, request, pk):
        if not can_handle_suggestions(request.user):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(suggestion=self.object, **kwargs)


class AcceptSuggestionView(SuggestionActionView):
    """Accepting opens the association's edit view (or a new one) filled in from the suggestion."""

    page_title = _("Accept suggestion")
    confirmation_message = _(
        "The association opens for editing with the suggested details filled in. "
        "Nothing changes on the site until you save and publish it."
    )
    confirm_label = _("Accept and edit the association")

    def perform(self):
        suggestion = self.object
        suggestion.status = Suggestion.Status.ACCEPTED
        suggestion.save(update_fields=["status"])
        log(suggestion, ACCEPT_ACTION, user=self.request.user)
        viewset = Association.snippet_viewset
        if suggestion.association_id:
            url = reverse(viewset.get_url_name("edit"), args=[suggestion.association_id])
        else:
            url = reverse(viewset.get_url_name("add"))
        return redirect(f"{url}?suggestion={suggestion.pk}")


class RejectSuggestionView(SuggestionActionView):
    page_title = _("Reject suggestion")
    confirmation_message = _("The suggestion is marked as rejected and nothing in the directory changes.")
    confirm_label = _("Yes, reject")

    def perform(self):
        self.object.status = Suggestion.Status.REJECTED
        self.object.save(update_fields=["status"])
        log(self.object, REJECT_ACTION, user=self.request.user)
        messages.success(self.request, _("Suggestion rejected."))
        return redirect(self.get_cancel_url())


def suggested_values(suggestion):
    """Association form values a suggestion proposes; a correction changes only what it names."""
    values = {field: getattr(suggestion, field) for field in ("website", "email") if getattr(suggestion, field)}
    if suggestion.kind == Suggestion.Kind.NEW or not suggestion.association_id:
        values["name"] = suggestion.name
        values["slug"] = slugify(suggestion.name)[:255]
        match = resolve_country(suggestion.country) if suggestion.country else None
        if match:
            values["country"] = match.code
    return values


def record_applied_suggestion(request, association):
    """After an association is published from an accepted suggestion (`?suggestion=<id>`), record
    in its history who checked and applied it and when, and mark it verified today."""
    suggestion_id = request.GET.get("suggestion", "")
    if not suggestion_id.isdigit() or "action-publish" not in request.POST:
        return
    # Publishing went through a revision: the view's own copy may not say live yet.
    association = Association.objects.filter(pk=association.pk, live=True).first()
    if association is None:
        return
    suggestion = Suggestion.objects.filter(pk=suggestion_id, status=Suggestion.Status.ACCEPTED).first()
    if suggestion is None or (suggestion.association_id and suggestion.association_id != association.pk):
        return
    suggestion.status = Suggestion.Status.APPLIED
    suggestion.association = association
    suggestion.save(update_fields=["status", "association"])
    log(association, APPLY_ACTION, user=request.user, data={"suggestion": suggestion.pk})
    mark_verified(association, request.user)


def suggestion_prefill(request):
    """Association form values from `?suggestion=<id>`, with the visitor's message shown to staff
    (registered with the directory in GovernanceConfig.ready())."""
    suggestion_id = request.GET.get("suggestion", "")
    suggestion = Suggestion.objects.filter(pk=suggestion_id).first() if suggestion_id.isdigit() else None
    if suggestion is None:
        return {}
    messages.info(
        request, capfirst(_("suggestion from a visitor: %(message)s") % {"message": suggestion.message or "-"})
    )
    return suggested_values(suggestion)


# --- Medical review: reviewer profiles and the record of reviews ---


class ReviewerProfileViewSet(SnippetViewSet):
    """How each medical reviewer is named on the pages they approve; administrators keep these."""

    model = ReviewerProfile
    icon = "user"
    menu_label = _("Reviewer profiles")
    add_to_admin_menu = False
    list_display = ("display_name", "professional_role", "user")
    search_fields = ["display_name", "professional_role"]
    search_backend_name = None
    ordering = ["display_name"]


class ReviewRecordViewSet(SnippetViewSet):
    """Every approval of a health page, newest first, as the workflow wrote it."""

    model = ReviewRecord
    icon = "tick-inverse"
    menu_label = _("Review records")
    add_to_admin_menu = False
    inspect_view_enabled = True
    list_display = (
        Column("page", label=_("Page"), accessor=lambda record: record.page.title),
        "reviewer_name",
        "reviewer_role",
        DateColumn("reviewed_on", label=_("Reviewed on"), sort_key="reviewed_on"),
        DateColumn("next_review_due", label=_("Next review due"), sort_key="next_review_due"),
    )
    list_export = ["page", "reviewer_name", "reviewer_role", "reviewed_on", "next_review_due", "comment"]
    inspect_view_fields = [
        "page",
        "revision",
        "reviewer",
        "reviewer_name",
        "reviewer_role",
        "reviewed_on",
        "next_review_due",
        "comment",
        "created_at",
    ]
    ordering = ["-reviewed_on", "-created_at"]


class MedicalReviewViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Medical review")
    menu_icon = "tick-inverse"
    menu_order = 310
    items = (ReviewerProfileViewSet, ReviewRecordViewSet)
