"""Finding a patient association by country: typed in English, in another language or as a code,
with the mouse, the keyboard only, and without JavaScript; and staff publishing a change."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import MOBILE

DIRECTORY_PATH = "/patient-associations/"
COUNTRY_SEARCHES = [
    pytest.param("Germany", "Germany", "Netzwerk Neuroendokrine Tumoren", id="english-name"),
    pytest.param("Deutschland", "Germany", "Netzwerk Neuroendokrine Tumoren", id="german-name"),
    pytest.param("Suède", "Sweden", "Carpa", id="french-name"),
    pytest.param("DEU", "Germany", "Netzwerk Neuroendokrine Tumoren", id="alpha-3-code"),
    pytest.param("se", "Sweden", "Carpa", id="alpha-2-code"),
]


def directory_search_box(page):
    return page.get_by_role("search", name="Find a patient association").get_by_label("Country or association name")


@pytest.mark.parametrize(("typed", "country", "association"), COUNTRY_SEARCHES)
def test_visitor_finds_an_association_by_typing_a_country_and_opens_it(page, typed, country, association):
    page.goto(DIRECTORY_PATH)
    directory_search_box(page).fill(typed)
    directory_search_box(page).press("Enter")
    expect(page.get_by_role("heading", name=f"Associations for {country}")).to_be_visible()
    assert re.search(r"[?&]q=", page.url), "the result has a shareable URL"
    page.get_by_role("main").get_by_role("link", name=re.compile(association)).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(association)
    expect(page.get_by_role("main").get_by_role("link", name=country)).to_be_visible()


def test_country_results_list_national_associations_before_those_serving_several_countries(page):
    page.goto(f"{DIRECTORY_PATH}?q=Germany")
    names = page.locator(".association-list .card__title a").all_inner_texts()
    national = names.index(next(name for name in names if name.startswith("Netzwerk Neuroendokrine Tumoren")))
    multinational = names.index("Pancreatic Cancer Europe Network")
    assert national < multinational
    expect(page.get_by_text("International Neuroendocrine Cancer Alliance").first).to_be_visible()


def test_visitor_finds_an_association_by_country_without_javascript_on_a_phone(new_page):
    page = new_page(viewport=MOBILE, java_script_enabled=False)
    page.goto(DIRECTORY_PATH)
    directory_search_box(page).fill("Deutschland")
    page.get_by_role("button", name="Find associations").click()
    expect(page.get_by_role("heading", name="Associations for Germany")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name=re.compile("Netzwerk Neuroendokrine Tumoren")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Netzwerk Neuroendokrine Tumoren")


def test_visitor_finds_an_association_by_country_with_the_keyboard_only(page):
    page.goto(DIRECTORY_PATH)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "directory-q":
            break
    expect(directory_search_box(page)).to_be_focused()
    page.keyboard.type("Sweden")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Associations for Sweden")).to_be_visible()
    result = page.get_by_role("main").get_by_role("link", name="Carpa")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Carpa":
            break
    expect(result).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Carpa")


def test_typing_in_the_directory_box_offers_country_suggestions(page):
    page.goto(DIRECTORY_PATH)
    directory_search_box(page).press_sequentially("Deutsch", delay=30)
    suggestions = page.locator("#directory-q-suggestions option")
    expect(suggestions.first).to_be_attached()
    assert "Germany" in [option.get_attribute("value") for option in suggestions.all()]


def test_staff_edit_an_association_publish_it_and_visitors_see_the_change(staff_page, new_page):
    visitor = new_page()
    visitor.goto(DIRECTORY_PATH)
    visitor.get_by_role("main").get_by_role("link", name="LuCE").first.click()
    detail_url = visitor.url
    expect(visitor.get_by_role("heading", level=1)).to_have_text("LuCE")
    # The anonymous page cache now holds the old version of the page.
    assert visitor.goto(detail_url).headers.get("x-cache") == "hit"

    staff_page.get_by_role("button", name="Directory").click()
    staff_page.get_by_role("link", name="Associations", exact=True).click()
    staff_page.get_by_role("main").get_by_label("Search term").fill("LuCE")
    staff_page.get_by_role("main").get_by_role("link", name="LuCE", exact=True).click()
    staff_page.get_by_role("textbox", name="Description").fill("Lung cancer patients in Europe (browser test).")
    staff_page.get_by_role("button", name="More actions").click()
    staff_page.get_by_role("button", name="Publish").click()
    expect(staff_page.get_by_text(re.compile("updated and published", re.IGNORECASE))).to_be_visible()

    fresh_visitor = new_page()
    fresh_visitor.goto(detail_url)
    expect(fresh_visitor.get_by_role("main")).to_contain_text("Lung cancer patients in Europe (browser test).")


def test_visitor_finds_an_association_from_the_home_page_box_with_a_common_alias(page):
    page.goto("/")
    directory_search_box(page).fill("Holland")
    directory_search_box(page).press("Enter")
    expect(page.get_by_role("heading", name="Associations for Netherlands")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Stichting NET-groep").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Stichting NET-groep")


def tab_to(page, locator, limit=60):
    """Presses Tab until `locator` has focus: the keyboard-only way to reach a control."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{locator} is not reachable with Tab")


def test_visitor_suggests_a_correction_with_the_keyboard_only_and_fixes_a_missing_message(new_page, axe_installed):
    page = new_page(bypass_csp=True)
    page.goto("/patient-associations/carpa/")
    tab_to(page, page.get_by_role("link", name="Suggest a correction"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Suggest a correction")
    # Sent empty: the form comes back with the error tied to its field, and stays accessible.
    send = page.get_by_role("button", name="Send suggestion")
    tab_to(page, send)
    page.keyboard.press("Enter")
    message = page.get_by_role("textbox", name="What should we correct?")
    expect(message).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []
    tab_to(page, message)
    page.keyboard.type("The browser test checks that suggestions arrive; please ignore it.")
    tab_to(page, send)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(page.get_by_role("status")).to_contain_text("We received your suggestion")


def test_visitor_reaches_a_country_page_through_the_world_map_with_the_keyboard(page):
    page.goto(DIRECTORY_PATH)
    germany = page.locator('.world-map__svg a[href$="/country/deu/"]')
    expect(germany).to_have_accessible_name("Germany: 1 association based here, 4 serve it")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href') || ''").endswith("/country/deu/"):
            break
    expect(germany).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Patient associations for Germany")


def test_the_world_map_scrolls_inside_its_frame_at_320_px(new_page):
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(DIRECTORY_PATH)
    frame = page.get_by_role("region", name="Map of where associations are based")  # the scrollable frame
    expect(frame).to_be_visible()
    assert frame.evaluate("element => element.scrollWidth > element.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
