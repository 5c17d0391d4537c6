"""A medical review is an event the workflow records, never a claim an editor types."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from netportal.governance.models import ReviewerProfile, ReviewRecord
from treatments.models import ConditionPage, review_due_after

from .test_workflow import act, submit

TAMPERED = {
    "last_reviewed": "2020-01-01",
    "next_review_due": "2099-01-01",
    "reviewed_by": "Dr A. Example, oncologist",
    "reviewer_role": "professor of everything",
}


@pytest.fixture
def reviewer_profile(reviewer):
    return ReviewerProfile.objects.create(
        user=reviewer,
        display_name="Dr Rita Reviewer",
        professional_role="consultant in nuclear medicine",
        conflicts_of_interest="None declared.",
    )


def medical_web_page(html):
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        data = json.loads(block)
        if data.get("@type") == "MedicalWebPage":
            return data
    raise AssertionError("no MedicalWebPage")


def test_an_editor_cannot_set_review_fields_by_tampering_with_the_form(client, editor, condition_page):
    submit(client, editor, condition_page, title="Neuroendocrine tumours (NETs)", **TAMPERED)
    page = ConditionPage.objects.get(pk=condition_page.pk)
    draft = page.get_latest_revision_as_object()
    for stored in (page, draft):
        assert (stored.last_reviewed, stored.next_review_due, stored.reviewed_by, stored.reviewer_role) == (
            None,
            None,
            "",
            "",
        )
    assert draft.title == "Neuroendocrine tumours (NETs)"


def test_an_editor_sees_no_review_inputs(client, editor, condition_page):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[condition_page.pk]))
    html = response.content.decode()
    for field in TAMPERED:
        assert f'name="{field}"' not in html
    assert not set(TAMPERED) & set(response.context["form"].fields)


def test_approval_records_the_review_with_the_approving_reviewer_and_dates(
    client, editor, reviewer, reviewer_profile, condition_page
):
    today = timezone.localdate()
    submit(client, editor, condition_page, **TAMPERED)
    assert not ReviewRecord.objects.exists()

    act(client, reviewer, condition_page, "approve", comment="Checked against the guideline.")

    record = ReviewRecord.objects.get()
    assert record.page_id == condition_page.pk
    assert record.reviewer == reviewer
    assert (record.reviewer_name, record.reviewer_role) == ("Dr Rita Reviewer", "consultant in nuclear medicine")
    assert record.reviewed_on == today
    assert record.next_review_due == review_due_after(today, 12)
    assert record.comment == "Checked against the guideline."
    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert record.revision == page.live_revision
    assert (page.last_reviewed, page.next_review_due) == (today, review_due_after(today, 12))
    assert (page.reviewed_by, page.reviewer_role) == ("Dr Rita Reviewer", "consultant in nuclear medicine")


def test_a_rejection_records_no_review(client, editor, reviewer, condition_page):
    submit(client, editor, condition_page)
    act(client, reviewer, condition_page, "reject", comment="Needs sources.")
    assert not ReviewRecord.objects.exists()
    assert ConditionPage.objects.get(pk=condition_page.pk).last_reviewed is None


def test_a_reviewer_without_a_profile_is_named_by_their_full_name_only(client, editor, reviewer, condition_page):
    submit(client, editor, condition_page)
    act(client, reviewer, condition_page, "approve")
    page = ConditionPage.objects.get(pk=condition_page.pk)
    assert (page.reviewed_by, page.reviewer_role) == ("Rita Reviewer", "")


def test_visitors_see_the_review_only_after_approval(client, editor, reviewer, reviewer_profile, condition_page):
    before = client.get(condition_page.url).content.decode()
    assert "This page has not yet been medically reviewed." in before
    assert "Reviewed by" not in before
    assert "lastReviewed" not in json.dumps(medical_web_page(before))

    submit(client, editor, condition_page)
    act(client, reviewer, condition_page, "approve")

    today = timezone.localdate()
    after = client.get(condition_page.url).content.decode()
    assert "not yet been medically reviewed" not in after
    assert (
        f'Reviewed by Dr Rita Reviewer, consultant in nuclear medicine on <time datetime="{today.isoformat()}">'
        in after
    )
    data = medical_web_page(after)
    assert data["lastReviewed"] == today.isoformat()
    assert data["reviewedBy"]["name"] == "Dr Rita Reviewer"


def test_republishing_an_old_revision_keeps_the_review_the_approval_recorded(
    admin_client, editor, reviewer, client, condition_page
):
    old_revision = condition_page.save_revision()
    submit(client, editor, condition_page)
    act(client, reviewer, condition_page, "approve")
    Revision.objects.get(pk=old_revision.pk).publish()  # as the admin's history "revert" loads it
    assert ConditionPage.objects.get(pk=condition_page.pk).last_reviewed == timezone.localdate()


def test_the_reviewer_is_offered_approve_and_publish_and_request_changes(client, editor, reviewer, condition_page):
    submit(client, editor, condition_page)
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[condition_page.pk])).content.decode()
    assert "Approve and Publish" in html
    assert "Request changes" in html
