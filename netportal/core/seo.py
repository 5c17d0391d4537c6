"""What search engines read: robots.txt, the sitemap and each page's structured data (JSON-LD).

The structured data builders return plain dicts; templates emit them with the `json_ld` tag
(netportal.core.templatetags.seo_tags), which serialises and escapes them. Nothing here
builds JSON or HTML by joining strings.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site

SCHEMA_CONTEXT = "https://schema.org"
# Paths no search engine should crawl: the editors' admin and the site search's result pages.
DISALLOWED_PATHS = ("/admin/", "/search/")


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
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED_PATHS), ""]
    lines.append(f"Sitemap: {absolute_url(request, reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def sitemap(request):
    """Every live, public page, with the addresses each page lists in `get_sitemap_urls`
    (the directory adds its regions, countries and associations)."""
    return wagtail_sitemap(request)


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
