"""Admin registration: the "Links to fix" report, its menu item and the dashboard panel."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views

report_urls = [
    path("", views.LinksToFixReport.as_view(), name="links_to_fix"),
    path("results/", views.LinksToFixReport.as_view(results_only=True), name="links_to_fix_results"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/links-to-fix/", include((report_urls, "linkchecks"), namespace="linkchecks"))]


class LinksReportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_see_links(request.user)


@hooks.register("register_reports_menu_item")
def register_links_report():
    return LinksReportMenuItem(
        _("Links to fix"), reverse("linkchecks:links_to_fix"), name="links-to-fix", icon_name="link-external", order=670
    )


@hooks.register("construct_homepage_panels")
def add_links_panel(request, panels):
    if views.can_see_links(request.user):
        panels.append(views.LinksDashboardPanel())
