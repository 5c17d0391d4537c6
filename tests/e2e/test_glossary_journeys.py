"""The glossary: a reviewer approves a demo term, and visitors open its definition by keyboard."""

import re

from playwright.sync_api import expect

from tests.e2e.accessibility import axe_violations, describe
from tests.e2e.conftest import sign_in

NET_PAGE_PATH = "/neuroendocrine-tumours/"
TERM = "Neuroendocrine tumour"
DEFINITION_START = "Neuroendocrine tumors (NETs) are rare cancers"


def approve_glossary_term(page, term):
    page.goto("/admin/snippets/glossary/glossaryterm/")
    page.get_by_role("main").get_by_role("link", name=term, exact=True).click()
    page.wait_for_url(re.compile(r"/admin/snippets/glossary/glossaryterm/edit/\d+/$"))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.get_by_text(re.compile(r"updated|published", re.IGNORECASE)).first).to_be_visible()


def test_an_approved_term_opens_its_definition_by_keyboard_and_closes_with_escape(
    new_page, reviewer_credentials, axe_installed
):
    visitor = new_page()
    visitor.goto(NET_PAGE_PATH)
    expect(visitor.locator("a.glossary-term")).to_have_count(0)  # the demo terms wait for review

    approve_glossary_term(sign_in(new_page(), reviewer_credentials), TERM)

    visitor = new_page()
    visitor.goto(NET_PAGE_PATH)
    term_link = visitor.get_by_role("link", name="Neuroendocrine tumors", exact=True)
    expect(term_link).to_have_count(1)
    expect(term_link).to_have_accessible_description("Glossary term: opens its plain-language definition.")
    expect(term_link).to_have_attribute("aria-expanded", "false")
    for _ in range(60):
        visitor.keyboard.press("Tab")
        if visitor.evaluate("document.activeElement.classList.contains('glossary-term')"):
            break
    expect(term_link).to_be_focused()

    visitor.keyboard.press("Enter")
    popover = visitor.locator(".glossary-popover")
    expect(term_link).to_have_attribute("aria-expanded", "true")
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(DEFINITION_START)
    expect(visitor).to_have_url(re.compile(re.escape(NET_PAGE_PATH) + "$"))  # stayed on the page

    visitor.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    expect(term_link).to_have_attribute("aria-expanded", "false")
    expect(term_link).to_be_focused()

    # The page with a marked term and its open popover has no WCAG 2.2 AA violations.
    checked = new_page(bypass_csp=True)
    checked.goto(NET_PAGE_PATH)
    checked.locator("a.glossary-term").click()
    expect(checked.locator(".glossary-popover")).to_be_visible()
    violations = axe_violations(checked)
    assert violations == [], describe(violations)


def test_without_javascript_the_term_is_a_link_to_its_glossary_entry(new_page, reviewer_credentials):
    approve_glossary_term(sign_in(new_page(), reviewer_credentials), "Compassionate Use Program")
    visitor = new_page(java_script_enabled=False)
    visitor.goto("/treatments/compassionate-use-programme/")
    term_link = visitor.locator("a.glossary-term")
    expect(term_link).to_have_count(1)
    expect(term_link.locator("abbr")).to_have_attribute("title", "Compassionate Use Program")
    term_link.click()
    expect(visitor).to_have_url(re.compile(r"/glossary/#term-compassionate-use-program$"))
    expect(visitor.locator("#term-compassionate-use-program")).to_have_text("Compassionate Use Program")
