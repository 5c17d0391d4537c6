"""Visitor journeys on the core pages, with a mouse, with the keyboard only, and without JavaScript."""

import re

from playwright.sync_api import expect

from tests.e2e.accessibility import focus_indicator
from tests.e2e.conftest import MOBILE

HOME_TITLE = "Neuroendocrine tumour patient portal"


def test_home_page_shows_the_portal_title_and_the_site_search(page):
    page.goto("/")
    expect(page).to_have_title(re.compile("portal", re.IGNORECASE))
    expect(page.get_by_role("heading", level=1)).to_have_text(HOME_TITLE)
    expect(page.get_by_role("search").get_by_label("Search this site")).to_be_visible()
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_contain_text("Medical disclaimer")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    assert page.url.endswith("#main")
    # The next Tab continues after the skip target, not back in the header or the menu.
    page.keyboard.press("Tab")
    assert page.evaluate("!document.querySelector('header').contains(document.activeElement)")


def test_skip_link_then_tab_reaches_the_first_control_in_main(page):
    page.goto("/no-such-page/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("main").get_by_role("link", name="Go to the home page")).to_be_focused()


def test_skip_link_moves_focus_to_main_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_every_tab_stop_on_the_home_page_shows_a_visible_focus_indicator(page):
    page.goto("/")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        indicator = focus_indicator(page)
        if indicator["tag"] == "body" or (seen and indicator == seen[0]):
            break
        seen.append(indicator)
        assert indicator["outline"] or indicator["shadow"], f"no visible focus on {indicator}"
    assert len(seen) >= 3, f"expected skip link, site name and search on the tab path, got {seen}"


def test_site_search_from_the_header_box_with_the_keyboard_only(page):
    page.goto("/")
    page.keyboard.press("Tab")  # skip link
    search_box = page.get_by_role("search").get_by_label("Search this site")
    while not page.evaluate("document.activeElement.type === 'search'"):
        page.keyboard.press("Tab")
    expect(search_box).to_be_focused()
    page.keyboard.type("accessibility")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=accessibility"))
    expect(page.get_by_role("status")).to_contain_text("accessibility")
    result = page.get_by_role("main").get_by_role("link", name="Accessibility statement")
    expect(result).to_be_visible()
    result.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")


def test_site_search_works_without_javascript_on_a_phone(new_page):
    page = new_page(viewport=MOBILE, java_script_enabled=False)
    page.goto("/")
    page.get_by_role("search").get_by_label("Search this site").fill("About")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"/search/\?q=About"))
    expect(page.get_by_role("main").get_by_role("link", name="About this portal")).to_be_visible()


def test_site_search_without_results_says_what_to_try(page):
    page.goto("/search/?q=zzzyyyxxx")
    expect(page.get_by_role("status")).to_contain_text("0 results")
    expect(page.get_by_text("Try fewer or different words")).to_be_visible()
    expect(page.locator('meta[name="robots"]')).to_have_attribute("content", "noindex")


def test_unknown_address_shows_the_styled_404_with_a_way_home(page):
    response = page.goto("/no-such-page/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    # Styled: the site's stylesheet and header are there, not Django's bare 404.
    expect(page.locator("header.site-header")).to_be_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.get_by_role("main").get_by_role("link", name="Go to the home page").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HOME_TITLE)


def test_404_page_offers_a_search_that_finds_pages(page):
    page.goto("/no-such-page/")
    page.get_by_role("main").get_by_role("searchbox").fill("About")
    page.get_by_role("main").get_by_role("button", name="Search").press("Enter")
    expect(page.get_by_role("main").get_by_role("link", name="About this portal")).to_be_visible()
