"""Every public page type: axe-core at phone and desktop width, reflow at 320 px, screenshots."""

import pytest

from tests.e2e.accessibility import axe_violations, describe
from tests.e2e.conftest import DESKTOP, MOBILE, NARROWEST
from tests.e2e.page_types import PUBLIC_PAGE_TYPES

WIDTHS = [pytest.param(MOBILE, id="375px"), pytest.param(DESKTOP, id="1280px")]
PAGE_TYPES = [pytest.param(page_type, id=page_type.name) for page_type in PUBLIC_PAGE_TYPES]


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_wcag_22_aa_violations(new_page, axe_installed, artifacts_dir, page_type, viewport):
    page = new_page(viewport=viewport, bypass_csp=True)
    response = page.goto(page_type.path)
    assert response.status == page_type.status
    page.screenshot(path=artifacts_dir / f"{page_type.name}-{viewport['width']}px.png", full_page=True)
    violations = axe_violations(page)
    assert violations == [], f"{page_type.name} at {viewport['width']} px:\n{describe(violations)}"


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_reflows_without_horizontal_scrolling_at_320_px(new_page, page_type):
    page = new_page(viewport=NARROWEST)
    page.goto(page_type.path)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= NARROWEST["width"], f"{page_type.name} is {scroll_width} px wide at 320 px"


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
