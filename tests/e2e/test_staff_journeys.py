"""Staff journeys in the Wagtail admin: signing in, and a health page through medical review."""

import datetime
import re

from playwright.sync_api import expect

from tests.e2e.conftest import sign_in


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


CUP_PAGE_PATH = "/treatments/compassionate-use-programme/"
CUP_TITLE = "Compassionate Use Program (CUP)"
EDIT_MARKER = "Edited in the browser test."


def open_page_in_admin_by_search(page, title):
    sidebar = page.get_by_role("complementary", name="Sidebar")
    sidebar.get_by_role("button", name="Search").click()
    sidebar.get_by_role("textbox").fill(title.split(" ")[0])
    page.keyboard.press("Enter")
    # Every language's tree has the page: the English one is the row labelled "English".
    english = page.get_by_role("main").get_by_role("row").filter(has_text="English")
    english.get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))


def test_editor_edits_a_health_page_a_reviewer_approves_it_from_the_dashboard_and_visitors_see_the_review(
    new_page, editor_credentials, reviewer_credentials
):
    # The demo content is live but unreviewed, and says so.
    visitor = new_page()
    visitor.goto(CUP_PAGE_PATH)
    expect(visitor.get_by_role("main")).to_contain_text("This page has not yet been medically reviewed.")
    summary = visitor.get_by_role("main").locator("p.lead").inner_text()
    assert EDIT_MARKER not in summary
    # The anonymous page cache now holds the live version.
    assert visitor.goto(CUP_PAGE_PATH).headers.get("x-cache") == "hit"

    # The loaded page waits for medical review (locked for editors): a reviewer asks for a change first.
    first_reviewer = sign_in(new_page(), reviewer_credentials)
    first_reviewer.get_by_role("region", name="Awaiting your review").get_by_role(
        "link", name=CUP_TITLE, exact=True
    ).click()
    first_reviewer.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    first_reviewer.get_by_role("button", name="More actions").click()
    first_reviewer.get_by_role("button", name="Request changes").click()
    dialog = first_reviewer.get_by_role("dialog")
    dialog.get_by_role("textbox").fill("Please add a line for the browser test.")
    dialog.get_by_role("button", name="Request changes").click()
    first_reviewer.wait_for_load_state()

    # The editor changes the summary and resubmits it; editors cannot publish.
    editor = sign_in(new_page(), editor_credentials)
    open_page_in_admin_by_search(editor, CUP_TITLE)
    summary_box = editor.get_by_role("textbox", name="Summary")
    summary_box.fill(f"{summary_box.input_value()} {EDIT_MARKER}")
    expect(editor.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    editor.get_by_role("button", name="Resubmit for medical review").click()
    expect(editor.get_by_text("Sent for medical review")).to_be_visible()

    # Waiting for review: visitors still see the live version.
    waiting_visitor = new_page()
    waiting_visitor.goto(CUP_PAGE_PATH)
    expect(waiting_visitor.get_by_role("heading", level=1)).to_have_text(CUP_TITLE)
    expect(waiting_visitor.get_by_role("main")).not_to_contain_text(EDIT_MARKER)

    # A medical reviewer finds it on the dashboard; "Approve and Publish" is the primary action.
    reviewer = sign_in(new_page(), reviewer_credentials)
    awaiting = reviewer.get_by_role("region", name="Awaiting your review")
    awaiting.get_by_role("link", name=CUP_TITLE, exact=True).click()
    reviewer.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(reviewer.get_by_role("textbox", name="Summary")).to_have_value(re.compile(re.escape(EDIT_MARKER)))
    reviewer.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(reviewer.get_by_text(re.compile(r"Approved: next review due"))).to_be_visible()

    # Visitors now see the approved version, with who reviewed it and when.
    fresh_visitor = new_page()
    fresh_visitor.goto(CUP_PAGE_PATH)
    main = fresh_visitor.get_by_role("main")
    expect(main).to_contain_text(EDIT_MARKER)
    today = datetime.datetime.now(datetime.UTC).date()
    expect(main).to_contain_text(
        f"Reviewed by {reviewer_credentials['display_name']}, {reviewer_credentials['role']} "
        f"on {today.day} {today:%B %Y}."
    )
    expect(main).not_to_contain_text("not yet been medically reviewed")
