"""Staff journeys in the Wagtail admin."""

import re

from playwright.sync_api import expect


def test_staff_sign_in_to_the_admin_and_see_the_dashboard(new_page, staff_credentials):
    page = new_page()
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill(staff_credentials["username"])
    page.get_by_label("Password").fill(staff_credentials["password"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name="Site summary")).to_be_visible()
    expect(page.get_by_role("heading", name=staff_credentials["username"])).to_be_visible()


def test_wrong_password_keeps_staff_on_the_sign_in_page_with_a_message(new_page, staff_credentials):
    page = new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(staff_credentials["username"])
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.get_by_role("status")).to_contain_text("didn't match")
