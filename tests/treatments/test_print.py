"""A health page prints cleanly: content only, no navigation, link addresses written out.

The page is rendered by Django first; Chromium then lays it out with the site's own
stylesheets under print media. Without Debian's Chromium the browser test is skipped
(and fails when CI=true, like the browser journeys).
"""

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders

from tests.factories import TreatmentApprovalFactory

from .conftest import section

pytestmark = pytest.mark.django_db

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
ORIGIN = "http://portal.test"
# Every part of the page that is navigation rather than content.
NAVIGATION = [".site-header", ".breadcrumbs", ".toc", ".site-footer__links", ".skip-link"]


def stylesheet_paths(html):
    """The site stylesheets a rendered page links, e.g. ["/static/css/portal.css", ...]."""
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


@pytest.fixture
def printable_page(client, treatment_page):
    treatment_page.body = [
        section("First heading", 'Read <a href="https://guide.example/first">the guide</a>.'),
        section("Second heading"),
    ]
    treatment_page.references = [
        {
            "type": "reference",
            "value": {"title": "A guideline", "publisher": "", "year": None, "url": "https://society.example/"},
        }
    ]
    treatment_page.save_revision().publish()
    TreatmentApprovalFactory(page=treatment_page, source_url="https://regulator.example/decision")
    response = client.get(treatment_page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_health_page_links_the_print_stylesheet_for_print_media_only(printable_page):
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in printable_page
    print_css = Path(finders.find("css/print.css")).read_text()
    for selector in (".site-header", ".breadcrumbs", ".toc", "nav"):
        assert selector in print_css
    assert 'content: " (" attr(href) ")"' in print_css


@pytest.mark.skipif(
    not Path(CHROMIUM_PATH).is_file() and os.environ.get("CI", "").lower() not in {"1", "true", "yes"},
    reason="skipped: no chromium",
)
def test_a_printed_health_page_shows_content_and_link_addresses_but_no_navigation(printable_page):
    files = {f"{ORIGIN}/": (printable_page, "text/html")}
    for href in stylesheet_paths(printable_page):
        found = finders.find(urlsplit(href).path.removeprefix("/static/"))
        assert found, href
        files[ORIGIN + href] = (Path(found).read_text(), "text/css")

    # Imported here: Playwright's event loop must not be running while the test touches the database.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()

            def serve(route):
                body, content_type = files.get(route.request.url.split("?")[0], ("", "text/plain"))
                route.fulfill(status=200 if body else 404, body=body, content_type=content_type)

            page.route("**/*", serve)
            page.goto(f"{ORIGIN}/")

            def display(selector):
                return page.eval_on_selector(selector, "element => getComputedStyle(element).display")

            def after(selector):
                return page.eval_on_selector(selector, "element => getComputedStyle(element, '::after').content")

            page.emulate_media(media="screen")
            assert display(".site-header") != "none"
            assert display(".toc") != "none"

            page.emulate_media(media="print")
            for selector in NAVIGATION:
                if page.query_selector(selector):
                    assert display(selector) == "none", selector
            assert display("main") != "none"
            assert page.is_visible("text=This page has not yet been medically reviewed")
            assert page.is_visible("h2#first-heading")
            assert after('main a[href="https://guide.example/first"]') == '" (https://guide.example/first)"'
            assert after('main a[href="https://society.example/"]') == '" (https://society.example/)"'
            assert (
                after('main a[href="https://regulator.example/decision"]') == '" (https://regulator.example/decision)"'
            )
            assert page.pdf(format="A4")[:4] == b"%PDF"
        finally:
            browser.close()
