"""Admin registration: the review dashboard panel and the review reports."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


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
