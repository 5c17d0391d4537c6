"""Staff admin for the directory: one "Directory" menu with associations and regions."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.views.snippets import CreateView, EditView, InspectView, SnippetViewSet, SnippetViewSetGroup

from netportal.core.spreadsheets import SpreadsheetSafeIndexView

from . import flags, registry
from .models import Association, Region, Scope


def verification_cutoff(today=None):
    """The date 12 months before today (28 February for a 29 February)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


class AssociationFilterSet(WagtailFilterSet):
    """Filters of the associations listing, including how long ago details were checked."""

    verification = django_filters.ChoiceFilter(
        label=_("Last verified"),
        choices=[
            ("stale", _("More than 12 months ago")),
            ("never", _("Never")),
            ("stale_or_never", _("More than 12 months ago, or never")),
            ("recent", _("Within the last 12 months")),
        ],
        method="filter_verification",
        empty_label=_("Any time"),
    )

    class Meta:
        model = Association
        fields = {"region": ["exact"], "country": ["exact"], "scope": ["exact"], "live": ["exact"]}

    def filter_verification(self, queryset, name, value):
        cutoff = verification_cutoff()
        conditions = {
            "stale": Q(last_verified__lt=cutoff),
            "never": Q(last_verified__isnull=True),
            "stale_or_never": Q(last_verified__lt=cutoff) | Q(last_verified__isnull=True),
            "recent": Q(last_verified__gte=cutoff),
        }
        return queryset.filter(conditions[value]) if value in conditions else queryset


def country_with_flag(association):
    country = association.country
    if not country:
        return _("Multinational") if association.scope == Scope.MULTINATIONAL else _("Worldwide")
    flag = flags.flag_url(country.code)
    return format_html('<img src="{}" alt="" width="20" height="15" class="directory-flag"> {}', flag, country.name)


def verified_on(association):
    """The date itself ("29 Nov 2026"), not "13 hours ago": staff compare it with other records."""
    return date_format(association.last_verified, "j M Y") if association.last_verified else _("Never")


class AssociationInspectView(InspectView):
    """Shows countries by name (django-countries fields have no choices display of their own)."""

    def get_country_display_value(self):
        return country_with_flag(self.object)

    def get_countries_served_display_value(self):
        return ", ".join(str(country.name) for country in self.object.countries_served) or "-"


class PrefilledFormMixin:
    """Opens the form with the values other apps propose (see `registry.association_form_prefills`),
    and posts it back to an address with the same query string, so that the app that proposed them
    knows on saving (e.g. a visitor's suggestion applied)."""

    def get_initial(self):
        initial = super().get_initial()
        if self.request.method == "GET":
            for prefill in registry.association_form_prefills:
                initial.update(prefill(self.request))
        return initial

    def with_query(self, url):
        query = self.request.GET.urlencode()
        return f"{url}{'&' if '?' in url else '?'}{query}" if query else url


class AssociationCreateView(PrefilledFormMixin, CreateView):
    def get_add_url(self):
        return self.with_query(super().get_add_url())


class AssociationEditView(PrefilledFormMixin, EditView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.with_query(context["action_url"])
        return context


class AssociationViewSet(SnippetViewSet):
    """Associations: list, filter, search, inspect, export, draft/publish, history, bulk delete."""

    model = Association
    icon = "group"
    menu_label = _("Associations")
    menu_order = 100
    add_to_admin_menu = False
    inspect_view_enabled = True
    inspect_view_class = AssociationInspectView
    index_view_class = SpreadsheetSafeIndexView
    # Accepting a visitor's suggestion opens these with the suggested details filled in.
    add_view_class = AssociationCreateView
    edit_view_class = AssociationEditView
    list_per_page = 50
    list_display = (
        "name",
        Column("country", accessor=country_with_flag, label=_("Country"), sort_key="country"),
        Column("region", label=_("Region"), sort_key="region__sort_order"),
        Column("scope", accessor="get_scope_display", label=_("Scope"), sort_key="scope"),
        Column("last_verified", accessor=verified_on, label=_("Last verified"), sort_key="last_verified"),
        LiveStatusTagColumn(),
        UpdatedAtColumn(),
    )
    list_export = [
        "name",
        "slug",
        "subtitle",
        "former_names",
        "acronym",
        "country",
        "region",
        "scope",
        "countries_served",
        "website",
        "email",
        "phone",
        "languages",
        "support",
        "focus",
        "last_verified",
        "live",
    ]
    export_headings = {"countries_served": _("Countries served"), "live": _("Published")}
    export_filename = "associations"
    filterset_class = AssociationFilterSet
    search_fields = ["name", "former_names", "subtitle"]
    search_backend_name = None  # plain database lookups: always current, no index to rebuild
    ordering = ["name"]

    def get_queryset(self, request):
        return Association.objects.select_related("region", "latest_revision")


class RegionViewSet(SnippetViewSet):
    """Regions the directory groups associations by."""

    model = Region
    icon = "site"
    menu_label = _("Regions")
    menu_order = 200
    add_to_admin_menu = False
    index_view_class = SpreadsheetSafeIndexView
    list_display = ("name", "slug", "sort_order")
    list_export = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["sort_order", "name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    """The "Directory" menu in the Wagtail admin: associations, regions, and what other apps add."""

    def __init__(self):
        self.items = (AssociationViewSet, RegionViewSet, *registry.directory_menu_viewsets)
        super().__init__()

    menu_icon = "group"
    menu_label = _("Directory")
    menu_name = "directory"
    menu_order = 250
