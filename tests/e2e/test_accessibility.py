"""Every public page type: axe-core at phone and desktop width, reflow at 320 px, screenshots."""

import pytest

from tests.e2e.accessibility import axe_violations, describe, focus_indicator
from tests.e2e.conftest import DESKTOP, MOBILE, NARROWEST
from tests.e2e.page_types import PUBLIC_PAGE_TYPES

WIDTHS = [pytest.param(MOBILE, id="375px"), pytest.param(DESKTOP, id="1280px")]
MAX_TAB_STOPS = 150  # more than any page type has
PAGE_TYPES = [pytest.param(page_type, id=page_type.name) for page_type in PUBLIC_PAGE_TYPES]


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_wcag_22_aa_violations(new_page, axe_installed, artifacts_dir, page_type, viewport):
    page = new_page(viewport=viewport, bypass_csp=True)
    response = page.goto(page_type.path)
    assert response.status == page_type.status
    # Full-page screenshots show every image: load the lazy ones now, not on scrolling.
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(image => { image.loading = 'eager'; })")
    page.wait_for_function("[...document.images].every(image => image.complete)")
    page.screenshot(path=artifacts_dir / f"{page_type.name}-{viewport['width']}px.png", full_page=True)
    violations = axe_violations(page)
    assert violations == [], f"{page_type.name} at {viewport['width']} px:\n{describe(violations)}"


def test_the_axe_check_reports_violations_it_is_meant_to_catch(new_page, axe_installed):
    """The zero-violation results above mean something: the same check flags a broken page."""
    page = new_page(bypass_csp=True)
    page.set_content(
        "<html><head><title>Broken</title></head><body><main><h1>Broken</h1><h4>Skipped levels</h4>"
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><a href="#"></a>'
        '<p style="color:#bbb;background:#fff">Low contrast</p></main></body></html>'
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "link-name", "color-contrast", "heading-order"} <= found, found


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_reflows_without_horizontal_scrolling_at_320_px(new_page, page_type):
    page = new_page(viewport=NARROWEST)
    page.goto(page_type.path)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= NARROWEST["width"], f"{page_type.name} is {scroll_width} px wide at 320 px"


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_tab_stop_shows_a_visible_focus_indicator(page, page_type):
    page.goto(page_type.path)
    seen = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        indicator = focus_indicator(page)
        if indicator["tag"] == "body" or (seen and indicator == seen[0]):
            break
        seen.append(indicator)
        assert indicator["outline"] or indicator["shadow"], f"{page_type.name}: no visible focus on {indicator}"
    assert len(seen) >= 3, f"{page_type.name}: expected several tab stops, got {seen}"


def test_public_pages_load_without_console_errors_under_the_content_security_policy(page):
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    for page_type in PUBLIC_PAGE_TYPES:
        errors_before = len(errors)
        page.goto(page_type.path)
        page.wait_for_load_state("load")
        new_errors = errors[errors_before:]
        if page_type.status == 404:
            # The browser logs the document's own 404 status; that one is expected.
            new_errors = [error for error in new_errors if "404" not in error]
        assert new_errors == [], f"{page_type.name}: {new_errors}"
