"""The review dashboard and reports list exactly the health pages and associations that need attention."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from tests.factories import (
    AssociationFactory,
    ConditionPageFactory,
    InformationPageFactory,
    SuggestionFactory,
    TreatmentPageFactory,
)
from tests.governance.conftest import client_for

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def panel_rows(html, panel_id):
    """(title, link) of each row in one dashboard panel."""
    start = html.index(f'id="{panel_id}-content"')
    end = html.find('class="w-panel__content"', start + len(panel_id) + 20)
    section = html[start : end if end != -1 else len(html)]
    return re.findall(r'<td class="title"><a href="([^"]+)">([^<]+)</a>', section)


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def review_situation(home_page, treatment_index):
    """Health pages and associations on both sides of the 30-day and 12-month limits."""
    overdue = ConditionPageFactory(
        parent=home_page, title="Overdue condition", last_reviewed=days(-400), next_review_due=days(-35)
    )
    due_soon = TreatmentPageFactory(
        parent=treatment_index, title="Treatment due soon", last_reviewed=days(-340), next_review_due=days(25)
    )
    InformationPageFactory(
        parent=overdue, title="Reviewed recently", last_reviewed=days(-10), next_review_due=days(355)
    )
    InformationPageFactory(parent=overdue, title="Due in 31 days", last_reviewed=days(-300), next_review_due=days(31))
    InformationPageFactory(
        parent=overdue, title="Unpublished and overdue", live=False, last_reviewed=days(-500), next_review_due=days(-1)
    )
    stale = AssociationFactory(name="Checked long ago", last_verified=days(-400))
    never = AssociationFactory(name="Never checked", last_verified=None)
    AssociationFactory(name="Checked this year", last_verified=days(-100))
    AssociationFactory(name="Stale draft", last_verified=days(-400), live=False)
    return {"pages": [overdue, due_soon], "associations": [never, stale]}


def test_dashboard_lists_exactly_the_pages_due_within_30_days(client, administrator, review_situation):
    html = client_for(client, administrator).get("/admin/").content.decode()
    rows = panel_rows(html, "review-due")
    assert [title for _, title in rows] == ["Overdue condition", "Treatment due soon"]
    assert [link for link, _ in rows] == [f"/admin/pages/{page.pk}/edit/" for page in review_situation["pages"]]


def test_dashboard_lists_exactly_the_associations_not_verified_for_12_months(client, administrator, review_situation):
    html = client_for(client, administrator).get("/admin/").content.decode()
    rows = panel_rows(html, "verification-due")
    assert [title for _, title in rows] == ["Never checked", "Checked long ago"]
    expected = [f"/admin/snippets/organizations/association/edit/{a.pk}/" for a in review_situation["associations"]]
    assert [link for link, _ in rows] == expected


def test_each_group_sees_only_the_panels_for_its_work(client, editor, directory_manager, review_situation):
    editor_html = client_for(client, editor).get("/admin/").content.decode()
    assert 'id="review-due-content"' in editor_html
    assert 'id="verification-due-content"' not in editor_html
    manager_html = client_for(client, directory_manager).get("/admin/").content.decode()
    assert 'id="verification-due-content"' in manager_html
    assert 'id="review-due-content"' not in manager_html


def test_pages_due_report_exports_the_same_pages_as_csv(client, reviewer, review_situation):
    response = client_for(client, reviewer).get("/admin/reports/review/pages-due/", {"export": "csv"})
    rows = csv_rows(response)
    assert rows[0] == ["Title", "Last reviewed", "Next review due", "Address"]
    assert [row[0] for row in rows[1:]] == ["Overdue condition", "Treatment due soon"]
    assert rows[1][2] == days(-35).isoformat()


def test_associations_report_exports_the_same_associations_as_csv(client, directory_manager, review_situation):
    response = client_for(client, directory_manager).get("/admin/reports/review/associations/", {"export": "csv"})
    rows = csv_rows(response)
    assert [row[0] for row in rows[1:]] == ["Never checked", "Checked long ago"]


def test_dashboard_counts_waiting_corrections_and_new_association_suggestions(client, directory_manager):
    association = AssociationFactory()
    SuggestionFactory.create_batch(2)
    SuggestionFactory.create_batch(3, kind="correction", association=association)
    SuggestionFactory(status="rejected")
    SuggestionFactory(status="accepted", kind="correction", association=association)
    html = client_for(client, directory_manager).get("/admin/").content.decode()
    assert "3 corrections waiting" in html
    assert "2 new associations suggested" in html
    assert "/admin/snippets/governance/suggestion/?status=new&amp;kind=correction" in html
    assert "/admin/snippets/governance/suggestion/?status=new&amp;kind=new" in html


def test_dashboard_says_when_no_suggestion_waits(client, directory_manager):
    html = client_for(client, directory_manager).get("/admin/").content.decode()
    assert "No suggestion from visitors is waiting." in html


def test_editors_do_not_see_the_suggestions_panel(client, editor):
    SuggestionFactory()
    html = client_for(client, editor).get("/admin/").content.decode()
    assert "suggestions-waiting" not in html


def test_associations_flagged_for_a_staff_check_are_on_the_dashboard(client, directory_manager):
    AssociationFactory(name="NET Patient Foundation", verification_note="Former name of Neuroendocrine Cancer UK.")
    AssociationFactory(name="Unflagged group", last_verified=days(-5))
    html = client_for(client, directory_manager).get("/admin/").content.decode()
    assert "Flagged for a check by staff" in html
    flagged = html[html.index("Flagged for a check by staff") :]
    assert "NET Patient Foundation" in flagged and "Former name of Neuroendocrine Cancer UK." in flagged
    assert "Unflagged group" not in flagged


def test_reports_export_formula_like_names_as_text(client, directory_manager, review_situation):
    """Finding 2: report exports are spreadsheet-safe too."""
    AssociationFactory(name="@SUM(A1:A9)", last_verified=None)
    response = client_for(client, directory_manager).get("/admin/reports/review/associations/", {"export": "csv"})
    names = [row[0] for row in csv_rows(response)[1:]]
    assert "'@SUM(A1:A9)" in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)


def test_suggestion_listing_exports_a_visitors_formula_as_text(client, directory_manager):
    SuggestionFactory(name='=HYPERLINK("http://x.example")', message="+1+1 -2")
    response = client_for(client, directory_manager).get("/admin/snippets/governance/suggestion/", {"export": "csv"})
    rows = csv_rows(response)
    assert rows[1][2] == '\'=HYPERLINK("http://x.example")'
    assert rows[1][6] == "'+1+1 -2"
