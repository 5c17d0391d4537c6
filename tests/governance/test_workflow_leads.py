"""On health pages the admin leads to medical review; only Administrators may publish directly."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from treatments.models import review_due_after

from .test_workflow import edit_form, submit


def editor_html(client, user, page):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()


def test_an_editors_primary_action_is_submit_for_medical_review(client, editor, condition_page):
    html = editor_html(client, editor, condition_page)
    assert "Submit for medical review" in html
    assert 'name="action-publish"' not in html
    assert html.index("Submit for medical review") < html.index("Save draft")


def test_a_reviewer_is_offered_approve_and_publish_first_and_no_plain_publish(client, editor, reviewer, condition_page):
    submit(client, editor, condition_page)
    html = editor_html(client, reviewer, condition_page)
    assert 'name="action-publish"' not in html
    assert "Approve and Publish" in html
    assert "Request changes" in html
    assert html.index("Approve and Publish") < html.index("Request changes")


def test_an_administrator_may_still_publish_a_health_page_directly(client, administrator, condition_page):
    html = editor_html(client, administrator, condition_page)
    assert 'name="action-publish"' in html


@pytest.mark.parametrize("user_fixture", ["editor", "reviewer"])
def test_a_direct_publish_by_a_non_administrator_is_refused_with_a_message(
    request, client, condition_page, user_fixture
):
    client.force_login(request.getfixturevalue(user_fixture))
    url = reverse("wagtailadmin_pages:edit", args=[condition_page.pk])
    response = client.post(url, {**edit_form(condition_page, title="Published without review"), "action-publish": "1"})
    assert response.status_code == 302
    assert Page.objects.get(pk=condition_page.pk).title == "Neuroendocrine tumours"
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("published by approving them in the medical review" in message for message in messages)


def test_a_direct_publish_by_an_administrator_goes_through(client, administrator, condition_page):
    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:edit", args=[condition_page.pk])
    client.post(url, {**edit_form(condition_page, title="Published by an administrator"), "action-publish": "1"})
    assert Page.objects.get(pk=condition_page.pk).title == "Published by an administrator"


def test_submitting_says_sent_for_medical_review(client, editor, condition_page):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[condition_page.pk])
    response = client.post(url, {**edit_form(condition_page), "action-submit": "1"}, follow=True)
    assert "Sent for medical review" in response.content.decode()


def test_approving_in_the_editor_says_when_the_next_review_is_due(client, editor, reviewer, condition_page):
    submit(client, editor, condition_page)
    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:edit", args=[condition_page.pk])
    data = {**edit_form(condition_page), "action-workflow-action": "true", "workflow-action-name": "approve"}
    response = client.post(url, data, follow=True)
    due = review_due_after(timezone.localdate(), 12)
    assert f"Approved: next review due {due.day} {due:%B %Y}." in response.content.decode()
