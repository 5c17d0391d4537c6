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
    expect(page.get_by_text("This page has not yet been medically reviewed.")).to_be_visible()


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


def test_prrt_page_tells_its_image_series_in_words_until_the_original_pictures_arrive(page):
    page.goto("/treatments/")
    page.get_by_role("main").get_by_role("link", name=re.compile("PRRT")).first.click()
    expect(page).to_have_url(re.compile(PRRT_PAGE_PATH))
    # The demo pictures are placeholders: visitors get the series' caption and credit as text, no grey boxes.
    expect(page.get_by_role("main").get_by_role("img")).to_have_count(0)
    description = page.locator(".case-description")
    expect(description).to_contain_text("Cure of liver metastases from neuroendocrine pancreatic cancer")
    expect(description.get_by_text(IMAGE_CREDIT)).to_have_count(1)
    expect(page.get_by_role("main")).not_to_contain_text("placeholder")
    expect(page.get_by_role("main")).to_contain_text("These pictures show one person's result.")
