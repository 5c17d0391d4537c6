"""Shared pieces for the security tests: a small public site and the list of its public URLs."""

import contextlib
import re
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from netportal.governance import content as governance_content
from organizations.models import Association, DirectoryPage, Scope
from tests.factories import (
    AssociationFactory,
    ConditionPageFactory,
    DirectoryPageFactory,
    InformationPageFactory,
    RegionFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)

ROOT = Path(__file__).resolve().parents[2]

# Ports for servers these tests start themselves (8310-8339; make bench uses 8300).
REDIS_TEST_PORT = 8311
POSTGRES_PROXY_PORT = 8321
GUNICORN_PORT = 8331


# The fuzz suite leaves its request count here; pytest prints it in the closing summary.
FUZZ_SUMMARY = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if summary := config.stash.get(FUZZ_SUMMARY, None):
        terminalreporter.write_line(summary)


@pytest.fixture
def public_site(home_page):
    """A small site with every public page type, as visitors see it.

    Standard pages, the contact page, the health pages (condition, treatments index, treatment,
    information page) and the directory with a region, a national and a multinational association, so that the
    directory's search, region, country, association, export and suggestion addresses all exist.
    """
    about = StandardPageFactory(parent=home_page, title="About this portal", slug="about", show_in_menus=True)
    StandardPageFactory(parent=about, title="Our team", slug="team")
    governance_content.load(home_page, report=lambda message: None)  # the contact page and its form
    StandardPageFactory(
        parent=home_page,
        title="Living with tumours",
        slug="living",
        show_in_menus=True,
        body=[("section", {"heading": "Everyday life", "body": "<p>Eating, work and travel.</p>"})],
    )
    condition = ConditionPageFactory(parent=home_page, title="Neuroendocrine tumours", slug="tumours")
    InformationPageFactory(parent=condition, title="Questions for your doctor", slug="questions")
    treatments = TreatmentIndexPageFactory(parent=home_page)
    TreatmentPageFactory(parent=treatments, title="Example treatment", slug="example-treatment")
    DirectoryPageFactory(parent=home_page)
    region = RegionFactory(name="Europe", slug="europe")
    AssociationFactory(name="Example group Germany", slug="example-group-germany", country="DE", region=region)
    AssociationFactory(
        name="Example network",
        slug="example-network",
        country="",
        scope=Scope.MULTINATIONAL,
        countries_served=["FR", "JP"],
        region=region,
    )
    return home_page


def public_urls():
    """Every public URL the site has right now: the fixed routes, every address in the sitemap
    (live pages and the directory's region, country and association pages), the routes of
    routable pages that take no argument (exports, suggestions), searches and the suggestion forms.
    """
    from wagtail.models import Page

    urls = ["/healthz", "/search/", "/search/?q=tumour", "/no-such-page/", "/robots.txt", "/sitemap.xml"]
    urls.extend(sitemap_paths())
    for page in Page.objects.live().public().exclude(depth=1).specific():
        url = page.get_url()
        if url:
            urls.append(url)
            urls.extend(_routes_of(page, url))
            if isinstance(page, DirectoryPage):
                urls.extend([f"{url}?q=Germany", f"{url}?q=ger", f"{url}?q=example&page=2"])
    for name in ("organizations:export_csv", "organizations:export_json"):
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse(name))
    urls.append(reverse("governance:suggest_association"))
    for association in Association.objects.filter(live=True)[:1]:
        urls.append(reverse("governance:suggest_correction", args=[association.slug]))
    return list(dict.fromkeys(urls))


def sitemap_paths():
    """The paths sitemap.xml lists, read through a fresh client."""
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    locations = re.findall(r"<loc>([^<]+)</loc>", response.content.decode())
    return [urlsplit(unescape(location)).path for location in locations]


# Pages with a form set the CSRF cookie (HttpOnly, SameSite=Lax, Secure in production) for the
# form's POST; it is the only cookie an anonymous visitor ever gets, and only on these pages.
FORM_PATH_PREFIXES = ("/suggest/", "/contact/")


def _routes_of(page, url):
    """Sub-routes of routable pages that take no argument (exports, region lists…)."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    if not isinstance(page, RoutablePageMixin):
        return []
    routes = []
    for pattern in page.get_resolver().url_patterns:
        route = str(pattern.pattern)
        if route not in {"^$", ""} and "(" not in route and "<" not in route:
            routes.append(url + route.lstrip("^").rstrip("$"))
    return routes


@pytest.fixture(autouse=True)
def indexed(search_index):
    """Site search here searches real content, as on a live site."""
