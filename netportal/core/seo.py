"""What search engines read: robots.txt, the sitemap and each page's structured data (JSON-LD).

The structured data builders return plain dicts; templates emit them with the `json_ld` tag
(netportal.core.templatetags.seo_tags), which serialises and escapes them. Nothing here
builds JSON or HTML by joining strings.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse, translate_url
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page, Site

SCHEMA_CONTEXT = "https://schema.org"


def disallowed_paths():
    """Paths no search engine should crawl: the editors' admin and the site search's result pages
    in every language."""
    searches = {translate_url("/search/", code) for code, _name in settings.LANGUAGES}
    return ["/admin/", *sorted(searches)]


def site_root_url(request):
    """The site's own address without a trailing slash, e.g. "https://portal.example.org"."""
    site = Site.find_for_request(request)
    if site is not None and site.root_url:
        return site.root_url.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/")


def absolute_url(request, url):
    """`url` made absolute against the site, unless it already is."""
    if not url or "://" in url:
        return url
    return site_root_url(request) + url


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed_paths()), ""]
    lines.append(f"Sitemap: {absolute_url(request, reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request):
    """Every live, public page, with the addresses each page lists in `get_sitemap_urls`
    (the directory adds its regions, countries and associations), and each page's translations
    beside it as hreflang alternates."""
    return wagtail_sitemap(request, sitemaps={"pages": TranslatedSitemap(request)})


class TranslatedSitemap(Sitemap):
    """Wagtail's sitemap of the site's pages, plus the translations of each (made with
    wagtail-localize; aliases, which show the original's text, are left out), each listed with
    every language version as an alternate."""

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        by_location = {url["location"]: url for url in urls}
        extra = []
        for group in translation_groups():
            alternates = [
                {"lang_code": version.locale.language_code, "location": version.get_full_url(self.request)}
                for version in group
            ]
            if not any(alternate["location"] in by_location for alternate in alternates):
                continue  # on another site, or its original is not public
            for alternate in alternates:
                entry = by_location.get(alternate["location"])
                if entry is None:
                    entry = {"location": alternate["location"]}
                    extra.append(entry)
                entry["alternates"] = alternates
        return urls + extra


def translation_groups():
    """Live, public pages that have their own text in more than one language, grouped by page
    (two queries, however many pages)."""
    translated = (
        Page.objects.live()
        .public()
        .filter(alias_of__isnull=True)
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .values("translation_key")
    )
    groups = {}
    for version in (
        Page.objects.live()
        .public()
        .filter(alias_of__isnull=True, translation_key__in=translated)
        .select_related("locale")
        .order_by("path")
    ):
        groups.setdefault(version.translation_key, []).append(version)
    return [group for group in groups.values() if len(group) > 1]


# --- structured data (schema.org) ---


def breadcrumb_list(request, crumbs):
    """A BreadcrumbList from (url, name) pairs, home first."""
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), "item": absolute_url(request, url)}
            for position, (url, name) in enumerate(crumbs, start=1)
        ],
    }


def web_page(request, page, schema_type="WebPage", **properties):
    """A WebPage (or a subtype such as MedicalWebPage) for a Wagtail page."""
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": schema_type,
        "name": page.seo_title or page.title,
        "url": page.get_full_url(request),
    }
    if page.search_description:
        data["description"] = page.search_description
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    data.update({key: value for key, value in properties.items() if value not in (None, "", [], {})})
    return data


def reviewer(page):
    """The approving reviewer as a schema.org Person, with their role when known."""
    person = {"@type": "Person", "name": page.reviewed_by}
    if getattr(page, "reviewer_role", ""):
        person["jobTitle"] = page.reviewer_role
    return person


def medical_web_page(request, page, about=None):
    """A health page: MedicalWebPage, with its review date and reviewer once a reviewer has approved it."""
    reviewed = getattr(page, "last_reviewed", None) is not None
    return web_page(
        request,
        page,
        "MedicalWebPage",
        description=page.search_description or getattr(page, "summary", ""),
        lastReviewed=page.last_reviewed.isoformat() if reviewed else None,
        reviewedBy=reviewer(page) if reviewed and page.reviewed_by else None,
        audience={"@type": "MedicalAudience", "audienceType": "Patient"},
        about=about,
    )


def organization(request, *, name, url, alternate_names=(), description="", website="", email="", country=""):
    """A patient association as a schema.org Organization; only the details we hold."""
    data = {"@context": SCHEMA_CONTEXT, "@type": "Organization", "name": name, "url": absolute_url(request, url)}
    optional = {
        "alternateName": list(alternate_names),
        "description": description,
        "sameAs": website,
        "email": email,
        "areaServed": {"@type": "Country", "name": str(country)} if country else None,
    }
    data.update({key: value for key, value in optional.items() if value})
    return data
