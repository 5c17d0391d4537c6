"""Each staff group opens what its job needs and nothing else (least privilege)."""

import re

import pytest
from django.contrib.auth.models import Group

from netportal.governance import roles
from tests.governance.conftest import client_for

ASSOCIATIONS = "/admin/snippets/organizations/association/"
ADD_ASSOCIATION = "/admin/snippets/organizations/association/add/"
REGIONS = "/admin/snippets/organizations/region/"
SUGGESTIONS = "/admin/snippets/governance/suggestion/"
USERS = "/admin/users/"
GROUPS = "/admin/groups/"
WORKFLOWS = "/admin/workflows/list/"
PAGES_DUE_REPORT = "/admin/reports/review/pages-due/"
ASSOCIATIONS_REPORT = "/admin/reports/review/associations/"
IMAGES = "/admin/images/"


def opens(client, url):
    return client.get(url).status_code == 200


def is_refused(client, url):
    """Wagtail sends staff without permission back to the dashboard."""
    response = client.get(url)
    return response.status_code == 302 and response["Location"] == "/admin/"


def menu_names(client):
    html = client.get("/admin/").content.decode()
    return set(re.findall(r'"name": "([a-z-]+)"', html))  # the sidebar menu, as JSON


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


@pytest.fixture
def health_pages(condition_page, treatment_page, directory_page):
    return condition_page, treatment_page


def test_the_data_migration_creates_the_four_staff_groups(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.EDITORS, roles.MEDICAL_REVIEWERS, roles.DIRECTORY_MANAGERS, roles.ADMINISTRATORS} <= names
    assert "Moderators" not in names


def test_editors_open_health_pages_but_not_the_directory_or_user_admin(client, editor, health_pages):
    client_for(client, editor)
    for page in health_pages:
        assert opens(client, edit_url(page))
    assert opens(client, IMAGES)
    for url in (ASSOCIATIONS, ADD_ASSOCIATION, REGIONS, SUGGESTIONS, USERS, GROUPS, WORKFLOWS, ASSOCIATIONS_REPORT):
        assert is_refused(client, url), url


def test_editors_submit_for_review_and_cannot_publish(client, editor, condition_page):
    html = client_for(client, editor).get(edit_url(condition_page)).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_editors_cannot_edit_pages_outside_the_health_sections(client, editor, health_pages, directory_page):
    client_for(client, editor)
    assert is_refused(client, edit_url(directory_page))


def test_editors_see_only_page_and_media_menus(client, editor, health_pages):
    names = menu_names(client_for(client, editor))
    assert {"explorer", "images", "documents"} <= names
    assert not names & {"directory", "associations", "suggestions", "users", "groups", "settings", "sites"}


def test_medical_reviewers_open_health_pages_and_publish_them_only_by_approving(client, reviewer, health_pages):
    client_for(client, reviewer)
    for page in health_pages:
        assert opens(client, edit_url(page))
    # Plain "Publish" would bypass the review (tests/governance/test_workflow_leads.py).
    assert 'name="action-publish"' not in client.get(edit_url(health_pages[0])).content.decode()
    assert opens(client, PAGES_DUE_REPORT)


def test_medical_reviewers_cannot_open_the_directory_or_user_admin(client, reviewer, health_pages):
    client_for(client, reviewer)
    for url in (ASSOCIATIONS, REGIONS, SUGGESTIONS, USERS, GROUPS, WORKFLOWS, ASSOCIATIONS_REPORT):
        assert is_refused(client, url), url
    assert not menu_names(client) & {"directory", "users", "settings"}


def test_directory_managers_open_associations_regions_and_suggestions(client, directory_manager, health_pages):
    client_for(client, directory_manager)
    for url in (ASSOCIATIONS, ADD_ASSOCIATION, REGIONS, SUGGESTIONS, ASSOCIATIONS_REPORT):
        assert opens(client, url), url


def test_directory_managers_cannot_edit_pages_or_users(client, directory_manager, health_pages, directory_page):
    client_for(client, directory_manager)
    for url in (edit_url(health_pages[0]), edit_url(directory_page), USERS, GROUPS, PAGES_DUE_REPORT, IMAGES):
        assert is_refused(client, url), url


def test_directory_managers_see_only_the_directory_menus(client, directory_manager, health_pages):
    names = menu_names(client_for(client, directory_manager))
    assert {"directory", "associations", "regions", "suggestions", "associations-to-verify"} <= names
    assert not names & {"explorer", "images", "documents", "users", "settings", "pages-due-for-review"}


def test_administrators_open_everything(client, administrator, health_pages, directory_page):
    client_for(client, administrator)
    urls = [edit_url(health_pages[0]), edit_url(directory_page), ASSOCIATIONS, SUGGESTIONS, USERS, GROUPS, WORKFLOWS]
    for url in urls:
        assert opens(client, url), url
    assert not administrator.is_superuser


def test_staff_outside_every_group_cannot_open_the_admin(client, db):
    from tests.factories import StaffUserFactory

    client_for(client, StaffUserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
