"""Public views of the directory page: search, browse, country, association, exports.

Every view reads published (live) associations only and runs a fixed number of queries
whatever the size of the directory: one page of results, counted in the same query, or read by
primary key from the browsing order kept until content changes.
"""

import io
import json
import unicodedata

from django.core.cache import caches
from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When, Window
from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django_countries import countries
from django_countries.fields import Country

from netportal.core import seo

from . import exchange, flags, world_map
from .codes import Support, code_filter, language_name
from .country_search import MAX_QUERY_LENGTH, country_lookup, resolve_country
from .models import Association, AssociationFact, Focus, Region, Scope

PER_PAGE = 25
# Browsing without a search: region by region, A to Z within each.
BROWSING_ORDER = ("region__sort_order", "region__name", "name")
NAME_MATCH_LIMIT = 20


def published():
    return Association.objects.filter(live=True).select_related("region")


def serving_country(code):
    """Published associations for a country: its national ones, then those that serve it."""
    return (
        published()
        .filter(
            Q(scope=Scope.NATIONAL, country=code)
            | Q(scope=Scope.MULTINATIONAL, countries_served__contains=code)
            | Q(scope=Scope.WORLDWIDE)
        )
        .annotate(
            rank=Case(
                When(scope=Scope.NATIONAL, then=Value(0)),
                When(scope=Scope.MULTINATIONAL, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "name")
    )


def matching_name(query, filters=None):
    """Published associations whose name, former name or acronym contains the query."""
    associations = published().filter(
        Q(name__icontains=query) | Q(former_names__icontains=query) | Q(acronym__iexact=query)
    )
    return (apply_filters(associations, filters) if filters else associations)[:NAME_MATCH_LIMIT]


def country_url(page, code):
    return page.url + page.reverse_subpage("country", args=[countries.alpha3(code).lower()])


def with_links(page, associations, country_code=None):
    """Attach what a result card shows besides the association's own fields: its detail URL, a
    label saying where it is based or whom it serves, and its country's name and flag."""
    base = page.url
    labels = relation_labels(country_code)  # once per page of results, not once per association
    places = {}  # country code -> (name, flag URL): a country's name is looked up once per page
    associations = list(associations)
    for association in associations:
        association.detail_url = base + page.reverse_subpage("association", args=[association.slug])
        country = association.country
        if country and country.code not in places:
            places[country.code] = (country.name, flags.flag_url(country.code))
        association.country_name, association.country_flag = places.get(country.code, ("", ""))
        if association.scope == Scope.NATIONAL and association.country_name:
            association.relation = labels["based_in"] % {"country": association.country_name}
        else:
            association.relation = labels[association.scope]
    return associations


def relation_labels(country_code):
    """How an association of each scope relates to the country searched for (or to none)."""
    multinational = (
        _("Multinational association that serves %(country)s") % {"country": Country(country_code).name}
        if country_code
        else _("Multinational association")
    )
    return {
        "based_in": _("Based in %(country)s"),
        Scope.NATIONAL: _("Based in a country"),
        Scope.MULTINATIONAL: multinational,
        Scope.WORLDWIDE: _("Worldwide association"),
    }


# Further pages than this go through Django's paginator as they are (count first, then clamp).
LAST_COUNTED_IN_PAGE_QUERY = 1000


class CountedPaginator(Paginator):
    """A paginator told its total, which the page's own query counted (a window count)."""

    def __init__(self, object_list, per_page, total):
        super().__init__(object_list, per_page)
        self.total = total

    @property
    def count(self):
        return self.total


def paginate(request, queryset):
    """The requested page of results, counted in the same query (a window count): one query
    instead of two. A page number that is not a number means the first page; one past the end
    (or below 1) the last page, as Django's `Paginator.get_page` does."""
    paginator = Paginator(queryset, PER_PAGE)
    try:
        number = int(request.GET.get("page") or 1)
    except ValueError:
        number = 1
    if not 1 <= number <= LAST_COUNTED_IN_PAGE_QUERY:
        return paginator.get_page(number)
    start = (number - 1) * PER_PAGE
    rows = list(queryset.annotate(total_count=Window(Count("pk")))[start : start + PER_PAGE])
    if not rows and number > 1:
        return paginator.get_page(number)
    total = rows[0].total_count if rows else 0
    page = CountedPaginator(queryset, PER_PAGE, total).page(number)
    page.object_list = rows
    return page


def browsing_order(region=None):
    """The ids of the published associations (of one region) in browsing order, region by region
    and A to Z, kept until content changes: sorting every association by name was most of an
    uncached directory page's database time."""

    def compute():
        associations = published() if region is None else published().filter(region=region)
        return list(associations.order_by(*BROWSING_ORDER).values_list("pk", flat=True))

    return caches["content"].get_or_set(f"directory-order:{region.pk if region else ''}", compute)


def paginate_in_order(request, ids):
    """The requested page of `ids` (Django's paginator: odd page numbers as `get_page` reads them),
    its associations read by primary key in one query."""
    page = Paginator(ids, PER_PAGE).get_page(request.GET.get("page"))
    found = published().order_by().in_bulk(page.object_list)
    page.object_list = [found[pk] for pk in page.object_list if pk in found]
    return page


def region_list(page, request):
    """Every region with its number of published associations, kept until content changes
    (counting reads every association)."""
    regions = caches["content"].get_or_set(
        "directory-regions",
        lambda: list(
            Region.objects.annotate(
                association_count=Count("associations", filter=Q(associations__live=True))
            ).order_by("sort_order", "name")
        ),
    )
    for region in regions:
        region.url = page.url + page.reverse_subpage("region", args=[region.slug])
    return regions


def spoken_languages(request):
    """[(code, own name)] of the languages published associations work in, kept until content changes."""

    def compute():
        codes = set()
        for languages in published().exclude(languages="").values_list("languages", flat=True).distinct():
            codes.update(languages.split())
        return sorted(((code, language_name(code)) for code in codes), key=lambda item: item[1].casefold())

    return caches["content"].get_or_set("directory-languages", compute)


def read_filters(request):
    """The visitor's optional filters (GET `language`, `support`, `nets`), unknown values ignored."""
    languages = spoken_languages(request)
    language = request.GET.get("language", "")
    support = request.GET.get("support", "")
    return {
        "language": language if language in {code for code, _name in languages} else "",
        "support": support if support in Support.values else "",
        "nets": request.GET.get("nets") == "1",
        "language_options": languages,
        "support_options": Support.choices,
    }


def apply_filters(associations, filters):
    if filters["language"]:
        associations = associations.filter(code_filter("languages", filters["language"]))
    if filters["support"]:
        associations = associations.filter(code_filter("support", filters["support"]))
    if filters["nets"]:
        associations = associations.filter(focus=Focus.NETS_ONLY)
    return associations


def filters_active(filters):
    return bool(filters["language"] or filters["support"] or filters["nets"])


def base_context(page, request, **extra):
    context = page.get_context(request)
    context.update(
        {
            "directory_url": page.url,
            "scopes": Scope.choices,
            "suggestions_url": page.url + page.reverse_subpage("country_suggestions"),
            "export_csv_url": page.url + page.reverse_subpage("export_csv"),
            "export_json_url": page.url + page.reverse_subpage("export_json"),
        }
    )
    context.update(extra)
    return context


def query_string_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def clean_query(request):
    """What the visitor typed, cut to length and without control characters (NUL breaks SQL drivers)."""
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    return "".join(char for char in query if unicodedata.category(char)[0] != "C").strip()


def search_view(page, request):
    """Search by country or name, or browse everything by region and scope."""
    query = clean_query(request)
    scope = request.GET.get("scope", "")
    if scope not in Scope.values:
        scope = ""
    region_slug = request.GET.get("region", "")
    regions = region_list(page, request)
    selected_region = next((region for region in regions if region.slug == region_slug), None)
    filters = read_filters(request)
    context = base_context(
        page,
        request,
        filters=filters,
        filtered=filters_active(filters),
        query=query,
        selected_scope=scope,
        selected_region=selected_region,
        regions=regions,
        noindex=bool(request.GET),
        page_query=query_string_without_page(request),
    )
    if query:
        match = resolve_country(query)
        context["country_match"] = match
        if match:
            associations = apply_filters(serving_country(match.code), filters)
            if scope:
                associations = associations.filter(scope=scope)
            results = paginate(request, associations)
            results.object_list = with_links(page, results.object_list, match.code)
            context["results"] = results
            context["country"] = Country(match.code)
            context["country_page_url"] = country_url(page, match.code)
            context["has_national"] = any(a.scope == Scope.NATIONAL for a in results.object_list)
        if not (match and match.kind == "code") and len(query) >= 3:
            shown = {a.pk for a in context["results"].object_list} if match else set()
            context["name_matches"] = [
                a
                for a in with_links(page, matching_name(query, filters), match.code if match else None)
                if a.pk not in shown
            ]
    else:
        if scope or filters_active(filters):
            associations = apply_filters(published(), filters).order_by(*BROWSING_ORDER)
            if scope:
                associations = associations.filter(scope=scope)
            if selected_region:
                associations = associations.filter(region=selected_region)
            results = paginate(request, associations)
        else:
            results = paginate_in_order(request, browsing_order(selected_region))
        results.object_list = with_links(page, results.object_list)
        context["browse_results"] = results
        context["world_map"] = world_map.render(request, page, country_url)
    return TemplateResponse(request, "organizations/directory_page.html", context)


def region_view(page, request, slug):
    regions = region_list(page, request)
    region = next((region for region in regions if region.slug == slug), None)
    if region is None:
        raise Http404
    results = paginate_in_order(request, browsing_order(region))
    results.object_list = with_links(page, results.object_list)
    context = base_context(
        page,
        request,
        region=region,
        regions=regions,
        results=results,
        trail=[(region.url, region.display_name)],
        page_query="",
        world_map=world_map.render(request, page, country_url, region=region),
    )
    return TemplateResponse(request, "organizations/region.html", context)


def country_view(page, request, code):
    alpha2 = countries.alpha2(code.upper())
    if not alpha2:
        raise Http404
    filters = read_filters(request)
    results = paginate(request, apply_filters(serving_country(alpha2), filters))
    results.object_list = with_links(page, results.object_list, alpha2)
    country = Country(alpha2)
    url = country_url(page, alpha2)
    context = base_context(
        page,
        request,
        filters=filters,
        filtered=filters_active(filters),
        country=country,
        flag_url=flags.flag_url(alpha2),
        results=results,
        has_national=published().filter(scope=Scope.NATIONAL, country=alpha2).exists()
        if results.number > 1
        else any(a.scope == Scope.NATIONAL for a in results.object_list),
        trail=[(url, country.name)],
        page_query=query_string_without_page(request),
    )
    return TemplateResponse(request, "organizations/country.html", context)


def association_view(page, request, slug):
    # The latest day a detail still shown was confirmed on the association's own pages, in the same
    # query. A fact whose value staff have since changed no longer counts.
    still_shown = Q()
    for field in AssociationFact.Field.values:
        still_shown |= Q(field=field, value=OuterRef(field))
    checked_on = AssociationFact.objects.filter(still_shown, association=OuterRef("pk")).order_by("-confirmed_on")
    association = (
        published().filter(slug=slug).annotate(checked_on=Subquery(checked_on.values("confirmed_on")[:1])).first()
    )
    if association is None:
        raise Http404
    association.detail_url = page.url + page.reverse_subpage("association", args=[slug])
    context = base_context(
        page,
        request,
        association=association,
        country_page_url=country_url(page, association.country.code) if association.country else "",
        flag_url=flags.flag_url(association.country.code),
        served=[
            (country, country_url(page, country.code))
            for country in sorted(association.countries_served, key=lambda c: str(c.name))
        ],
        region_url=page.url + page.reverse_subpage("region", args=[association.region.slug]),
        trail=[(association.detail_url, association.name)],
        structured_data=seo.organization(
            request,
            name=association.name,
            url=association.detail_url,
            alternate_names=[name for name in [association.acronym, *association.former_name_list] if name],
            description=association.description or association.subtitle,
            website=association.website,
            email=association.email,
            country=association.country.name if association.country else "",
        ),
    )
    return TemplateResponse(request, "organizations/association.html", context)


def sitemap_urls(page, request):
    """The directory's routable pages for sitemap.xml: each region, country and published association listed."""
    base = page.get_full_url(request)
    associations = list(published().order_by("name"))
    codes = set()
    for association in associations:
        if association.scope == Scope.NATIONAL and association.country:
            codes.add(association.country.code)
        elif association.scope == Scope.MULTINATIONAL:
            codes.update(country.code for country in association.countries_served)
    regions = sorted({association.region for association in associations}, key=lambda r: (r.sort_order, r.name))
    urls = [{"location": base + page.reverse_subpage("region", args=[region.slug])} for region in regions]
    urls += [
        {"location": base + page.reverse_subpage("country", args=[countries.alpha3(code).lower()])}
        for code in sorted(codes, key=lambda code: str(Country(code).name))
    ]
    urls += [
        {
            "location": base + page.reverse_subpage("association", args=[association.slug]),
            "lastmod": association.last_published_at,
        }
        for association in associations
    ]
    return urls


def export_queryset():
    return published().order_by("name")


def export_csv_view(page, request):
    stream = io.StringIO()
    exchange.write_csv(export_queryset(), stream)
    response = HttpResponse(stream.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="patient-associations.csv"'
    return response


def export_json_view(page, request):
    data = {"associations": [exchange.association_row(a) for a in export_queryset()]}
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="patient-associations.json"'
    return response


def country_suggestions_view(page, request):
    """Up to eight countries for what has been typed so far, for the search box's list."""
    query = clean_query(request)
    suggestions = [
        {"code": countries.alpha3(code).lower(), "name": name, "url": country_url(page, code)}
        for code, name in country_lookup().suggest(query)
    ]
    return JsonResponse({"query": query, "suggestions": suggestions})
