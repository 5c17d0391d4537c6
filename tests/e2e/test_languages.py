"""German and Arabic in the browser: axe-core, no sideways scrolling, right-to-left layout, the switcher by keyboard."""

import pytest

from tests.e2e.accessibility import axe_violations, describe
from tests.e2e.conftest import DESKTOP, MOBILE, NARROWEST

pytestmark = pytest.mark.e2e

WIDTHS = [pytest.param(MOBILE, id="375px"), pytest.param(DESKTOP, id="1280px")]
PAGES = [
    pytest.param(path, id=path.strip("/").replace("/", "-") or "home")
    for path in (
        "/de/",
        "/de/patient-associations/",
        "/de/patient-associations/country/deu/",
        "/de/neuroendocrine-tumours/",
        "/de/about/",
        "/de/search/?q=Tumor",
        "/ar/",
        "/ar/patient-associations/",
        "/ar/treatments/prrt/",
        "/ar/privacy/",
    )
]


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_translated_pages_have_no_wcag_22_aa_violations(new_page, axe_installed, artifacts_dir, path, viewport):
    page = new_page(viewport=viewport, bypass_csp=True)
    assert page.goto(path).status == 200
    name = path.strip("/").replace("/", "-").replace("?", "-")
    page.screenshot(path=artifacts_dir / f"language-{name}-{viewport['width']}px.png", full_page=True)
    violations = axe_violations(page)
    assert violations == [], f"{path} at {viewport['width']} px:\n{describe(violations)}"


@pytest.mark.parametrize("viewport", [*WIDTHS, pytest.param(NARROWEST, id="320px")])
@pytest.mark.parametrize("path", PAGES)
def test_translated_pages_do_not_scroll_sideways(new_page, path, viewport):
    page = new_page(viewport=viewport)
    page.goto(path)
    page.locator(".language-switcher summary").click()  # the open list must fit too
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= viewport["width"], f"{path} is {scroll_width} px wide at {viewport['width']} px"


def test_arabic_pages_run_right_to_left(page):
    page.goto("/ar/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    header = page.locator(".site-header__inner").bounding_box()
    site_name = page.locator(".site-name").bounding_box()
    # The site name starts the header: on the right in Arabic.
    assert site_name["x"] + site_name["width"] > header["x"] + header["width"] - 80


def test_the_switcher_works_with_the_keyboard_alone(page):
    page.goto("/de/patient-associations/")
    summary = page.locator(".language-switcher summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".language-switcher").evaluate("element => element.open")
    page.keyboard.press("Tab")  # English, the first language listed
    for _ in range(2):  # Deutsch, then Français
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Français"
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/patient-associations/")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text() == "Associations de patients"


def test_an_untranslated_health_page_says_so_in_the_visitors_language(page):
    page.goto("/de/neuroendocrine-tumours/")
    notice = page.locator(".language-notice")
    assert "noch nicht" in notice.inner_text()
    assert page.locator("main").get_attribute("lang") == "en"
