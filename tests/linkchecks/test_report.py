"""The staff "Links to fix" report, its export and dashboard panel, and who may see them."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone

from linkchecks.models import CheckedLink, LinkUse
from netportal.governance import roles
from tests.factories import ConditionPageFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/links-to-fix/"
NOW = timezone.now()


@pytest.fixture
def links(home_page):
    # A health section, so that editors have page permissions (given per section).
    page = ConditionPageFactory(parent=home_page, title="Neuroendocrine tumours", slug="net")
    broken = CheckedLink.objects.create(
        url="https://broken.test/",
        status_code=410,
        checked_at=NOW,
        failures_in_a_row=2,
        first_failure_at=NOW - timedelta(days=1),
        broken_since=NOW,
    )
    broken.uses.create(kind=LinkUse.Kind.ASSOCIATION, object_id=1, title="Club website")
    once = CheckedLink.objects.create(
        url="https://once.test/", error="no answer within 10 seconds", checked_at=NOW, failures_in_a_row=1
    )
    once.uses.create(kind=LinkUse.Kind.PAGE, object_id=page.pk, title="Neuroendocrine tumours")
    moved = CheckedLink.objects.create(
        url="https://moved.test/", status_code=200, proposed_url="https://new.test/", checked_at=NOW
    )
    moved.uses.create(kind=LinkUse.Kind.PAGE, object_id=page.pk, title="Neuroendocrine tumours")
    fine = CheckedLink.objects.create(url="https://fine.test/", status_code=200, checked_at=NOW)
    fine.uses.create(kind=LinkUse.Kind.ASSOCIATION, object_id=2, title="Fine website")
    return {"broken": broken, "once": once, "moved": moved, "fine": fine}


def login(client, group_name=None, superuser=False):
    user = StaffUserFactory(username=f"user-{group_name or 'super'}", group_name=group_name)
    if superuser:
        user.is_superuser = True
        user.is_staff = True
        user.save()
    client.force_login(user)
    return user


def test_the_report_lists_links_to_fix_and_not_working_ones(client, links):
    login(client, superuser=True)
    html = client.get(REPORT).content.decode()
    for name in ("broken", "once", "moved"):
        assert links[name].url in html
    assert "https://fine.test/" not in html
    assert "https://new.test/" in html and "Club website (Association website)" in html
    assert "Broken" in html and "Failed once" in html and "Moved" in html


@pytest.mark.parametrize(
    ("state", "expected"),
    [("broken", {"https://broken.test/"}), ("failing", {"https://once.test/"}), ("moved", {"https://moved.test/"})],
)
def test_the_report_filters_by_state(client, links, state, expected):
    login(client, superuser=True)
    response = client.get(REPORT, {"state": state})
    assert {link.url for link in response.context["object_list"]} == expected


def test_the_report_filters_by_where_links_are_used(client, links):
    login(client, superuser=True)
    response = client.get(REPORT, {"kind": "page"})
    assert {link.url for link in response.context["object_list"]} == {"https://once.test/", "https://moved.test/"}


def test_the_report_exports_csv_and_xlsx(client, links):
    login(client, superuser=True)
    csv_response = client.get(REPORT, {"export": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    assert f"links-to-fix-{timezone.localdate().isoformat()}.csv" in csv_response["Content-Disposition"]
    rows = b"".join(csv_response.streaming_content).decode().splitlines()
    assert rows[0].startswith("Address,State,HTTP status,Error,Final address,Proposed new address,Where it is used")
    assert len(rows) == 4
    assert any(row.startswith("https://broken.test/,Broken,410,") for row in rows)
    xlsx_response = client.get(REPORT, {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content)))
    values = [[cell.value for cell in row] for row in workbook.active.iter_rows()]
    assert values[0][0] == "Address" and len(values) == 4
    assert values[[row[0] for row in values].index("https://moved.test/")][:2] == ["https://moved.test/", "Moved"]


def test_directory_managers_see_association_websites_only(client, links):
    login(client, roles.DIRECTORY_MANAGERS)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert {link.url for link in response.context["object_list"]} == {"https://broken.test/"}


def test_editors_see_links_on_health_pages_only(client, links):
    login(client, roles.EDITORS)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert {link.url for link in response.context["object_list"]} == {"https://once.test/", "https://moved.test/"}


def test_medical_reviewers_are_not_given_the_report(client, links):
    login(client, roles.MEDICAL_REVIEWERS)
    response = client.get(REPORT)  # Wagtail turns the refusal into a message on the dashboard
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "Links to fix" not in client.get("/admin/").content.decode()


def test_visitors_are_sent_to_the_login(client, links):
    response = client.get(REPORT)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_dashboard_panel_counts_what_the_user_may_fix(client, links):
    login(client, roles.DIRECTORY_MANAGERS)
    html = client.get("/admin/").content.decode()
    assert "Links to fix" in html
    assert "1 broken link (failed twice, a day apart)" in html
    assert "moved permanently" not in html  # the moved link is on a health page
    assert 'href="/admin/reports/links-to-fix/"' in html
