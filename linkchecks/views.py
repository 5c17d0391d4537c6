"""Staff only: the "Links to fix" report and its dashboard panel. Visitors never see a check result."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from .models import CheckedLink, LinkUse

VIEW_PERMISSION = "linkchecks.view_checkedlink"


def can_see_links(user):
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def visible_kinds(user):
    """Directory managers see association websites; page editors see health pages' links."""
    kinds = []
    if user.has_perm("organizations.change_association"):
        kinds.append(LinkUse.Kind.ASSOCIATION)
    if user_has_any_page_permission(user):
        kinds.append(LinkUse.Kind.PAGE)
    return kinds


def links_to_fix(user):
    """Addresses that failed their last check or permanently redirect, among those `user` may act on."""
    kinds = visible_kinds(user)
    return (
        CheckedLink.objects.filter(Q(failures_in_a_row__gt=0) | ~Q(proposed_url=""))
        .filter(uses__kind__in=kinds)
        .distinct()
        .prefetch_related(Prefetch("uses", queryset=LinkUse.objects.filter(kind__in=kinds)))
        .order_by("-broken_since", "-failures_in_a_row", "url")
    )


class LinkFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[
            ("broken", _("Broken (failed twice, a day apart)")),
            ("failing", _("Failed, not yet called broken")),
            ("moved", _("Moved permanently: new address proposed")),
        ],
        method="filter_state",
        empty_label=_("Any"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Used in"), choices=LinkUse.Kind.choices, field_name="uses__kind", distinct=True
    )

    class Meta:
        model = CheckedLink
        fields = []

    def filter_state(self, queryset, name, value):
        conditions = {
            "broken": Q(broken_since__isnull=False),
            "failing": Q(failures_in_a_row__gt=0, broken_since__isnull=True),
            "moved": ~Q(proposed_url=""),
        }
        return queryset.filter(conditions[value]) if value in conditions else queryset


def where_used(link):
    return "; ".join(f"{use.title} ({use.get_kind_display()})" for use in link.uses.all())


def outcome(link):
    if link.error:
        return link.error
    return str(link.status_code) if link.status_code else "-"


def state(link):
    if link.is_broken:
        return _("Broken")
    if link.failures_in_a_row:
        return _("Failed once") if link.failures_in_a_row == 1 else _("Failing")
    return _("Moved")


class LinksToFixReport(ReportView):
    """Broken, failing and permanently redirected addresses; filterable; CSV/XLSX export."""

    page_title = _("Links to fix")
    header_icon = "link-external"
    index_url_name = "linkchecks:links_to_fix"
    index_results_url_name = "linkchecks:links_to_fix_results"
    filterset_class = LinkFilterSet
    columns = [
        Column("url", label=_("Address")),
        Column("state", label=_("State"), accessor=state),
        Column("outcome", label=_("Last result"), accessor=outcome),
        Column("proposed_url", label=_("Proposed new address")),
        Column("where_used", label=_("Where it is used"), accessor=where_used),
        Column("failures_in_a_row", label=_("Failures in a row")),
        DateColumn("first_failure_at", label=_("First failure")),
        DateColumn("checked_at", label=_("Checked")),
    ]
    list_export = [
        "url",
        "state",
        "status_code",
        "error",
        "final_url",
        "proposed_url",
        "where_used",
        "failures_in_a_row",
        "first_failure_at",
        "broken_since",
        "checked_at",
    ]
    export_headings = {
        "url": _("Address"),
        "state": _("State"),
        "status_code": _("HTTP status"),
        "error": _("Error"),
        "final_url": _("Final address"),
        "proposed_url": _("Proposed new address"),
        "where_used": _("Where it is used"),
        "failures_in_a_row": _("Failures in a row"),
        "first_failure_at": _("First failure at"),
        "broken_since": _("Broken since"),
        "checked_at": _("Checked at"),
    }
    no_results_message = _("No link needs fixing after the latest check.")

    def dispatch(self, request, *args, **kwargs):
        if not can_see_links(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"links-to-fix-{timezone.localdate().isoformat()}"

    def get_queryset(self):
        return links_to_fix(self.request.user)

    def to_row_dict(self, item):
        computed = {"state": str(state(item)), "where_used": where_used(item)}
        return {name: computed[name] if name in computed else getattr(item, name) for name in self.list_export}


class LinksDashboardPanel(Component):
    """Admin home: how many links are broken or moved, with the way to the report."""

    name = "links_to_fix"
    template_name = "linkchecks/dashboard_panel.html"
    order = 95

    def get_context_data(self, parent_context):
        links = links_to_fix(parent_context["request"].user)
        return {
            "broken": links.filter(broken_since__isnull=False).count(),
            "failing": links.filter(failures_in_a_row__gt=0, broken_since__isnull=True).count(),
            "moved": links.filter(~Q(proposed_url="")).count(),
        }
