"""Staff views: the review dashboard panel and the review reports."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from . import review

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
        context = {"pages": None, "associations": None, "today": timezone.localdate()}
        if can_review_pages(user):
            pages = review.pages_due_for_review()
            context["pages"] = [(page, finder.get_edit_url(page)) for page in pages[:DASHBOARD_LIMIT]]
            context["pages_total"] = len(pages)
        if can_verify_associations(user):
            associations = review.associations_to_verify()
            context["associations"] = [
                (association, finder.get_edit_url(association)) for association in associations[:DASHBOARD_LIMIT]
            ]
            context["associations_total"] = associations.count()
        return context


class EditLinkColumn(TitleColumn):
    """The item's title, linking to its edit view."""

    def __init__(self, name, **kwargs):
        super().__init__(name, get_url=self.edit_url, **kwargs)

    def edit_url(self, instance):
        return AdminURLFinder().get_edit_url(instance)


class PagesDueForReviewReport(ReportView):
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


class AssociationsToVerifyReport(ReportView):
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
