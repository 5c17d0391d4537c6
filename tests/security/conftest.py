"""Shared pieces for the security tests: a small public site and the list of its public URLs."""

import contextlib
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from tests.factories import StandardPageFactory

ROOT = Path(__file__).resolve().parents[2]

# Ports for servers these tests start themselves (the security tests own 8200-8299).
REDIS_TEST_PORT = 8211
POSTGRES_PROXY_PORT = 8221
GUNICORN_PORT = 8231


# The fuzz suite leaves its request count here; pytest prints it in the closing summary.
FUZZ_SUMMARY = pytest.StashKey[str]()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if summary := config.stash.get(FUZZ_SUMMARY, None):
        terminalreporter.write_line(summary)


@pytest.fixture
def public_site(home_page):
    """A home page with a few published pages, as visitors see them."""
    about = StandardPageFactory(parent=home_page, title="About this portal", slug="about", show_in_menus=True)
    StandardPageFactory(parent=about, title="Our team", slug="team")
    StandardPageFactory(
        parent=home_page,
        title="Living with tumours",
        slug="living",
        show_in_menus=True,
        body=[("section", {"heading": "Everyday life", "body": "<p>Eating, work and travel.</p>"})],
    )
    return home_page


def public_urls():
    """Every public URL the site has right now: live pages plus the fixed routes.

    Routes of the directory and health pages are picked up when those apps provide them.
    """
    from wagtail.models import Page

    urls = ["/healthz", "/search/", "/search/?q=tumour", "/no-such-page/"]
    for page in Page.objects.live().public().exclude(depth=1).specific():
        url = page.get_url()
        if url:
            urls.append(url)
            urls.extend(_routes_of(page, url))
    for name in ("organizations:export_csv", "organizations:export_json"):
        with contextlib.suppress(NoReverseMatch):
            urls.append(reverse(name))
    return list(dict.fromkeys(urls))


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
