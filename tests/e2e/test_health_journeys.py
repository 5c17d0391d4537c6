"""Reading the health pages: the NET page and its table of contents, the PRRT image series."""

import re

from playwright.sync_api import expect

NET_PAGE_PATH = "/neuroendocrine-tumours/"
PRRT_PAGE_PATH = "/treatments/prrt/"
IMAGE_CREDIT = "Courtesy of Prof. Dr. Richard P. Baum, Zentralklinik Bad Berka, Germany"


def table_of_contents(page):
    return page.get_by_role("navigation", name="On this page")


def test_visitor_reads_the_net_page_and_follows_every_entry_of_its_table_of_contents(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Neuroendocrine tumours").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Neuroendocrine tumours")
    entries = table_of_contents(page).get_by_role("link")
    titles = entries.all_inner_texts()
    assert len(titles) >= 3, titles
    for title in titles:
        table_of_contents(page).get_by_role("link", name=title, exact=True).click()
        anchor = page.url.rsplit("#", 1)[1]
        heading = page.locator(f"[id='{anchor}']")
        expect(heading).to_have_text(title)
        expect(heading).to_be_in_viewport()
    expect(page.get_by_text(re.compile("Page last reviewed"))).to_be_visible()


def test_table_of_contents_works_with_the_keyboard_only(page):
    page.goto(NET_PAGE_PATH)
    last_entry = table_of_contents(page).get_by_role("link").last
    title = last_entry.inner_text()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == title:
            break
    expect(last_entry).to_be_focused()
    page.keyboard.press("Enter")
    heading = page.get_by_role("heading", name=title, exact=True)
    expect(heading).to_be_in_viewport()


def test_prrt_page_shows_its_image_series_in_order_with_captions_and_one_credit(page):
    page.goto("/treatments/")
    page.get_by_role("main").get_by_role("link", name=re.compile("PRRT")).first.click()
    expect(page).to_have_url(re.compile(PRRT_PAGE_PATH))
    series = page.locator("figure.image-series")
    series.scroll_into_view_if_needed()
    images = series.get_by_role("img")
    expect(images).to_have_count(3)
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        expect(image).to_have_attribute("alt", re.compile(r"\w"))
        expect(image).to_be_visible()
        page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=image.element_handle())
    captions = series.locator(".image-series__item figcaption").all_inner_texts()
    assert [caption.split(":")[0] for caption in captions] == ["Picture 1", "Picture 2", "Picture 3"]
    expect(series.get_by_text(IMAGE_CREDIT)).to_have_count(1)
    expect(series.get_by_text(IMAGE_CREDIT)).to_be_visible()
