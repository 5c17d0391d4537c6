"""The "Medical review" workflow, end to end through the admin as editors and reviewers use it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import Page, TaskState, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from netportal.core.models import SiteSettings
from netportal.governance import roles
from treatments.models import review_due_after

TWO_YEARS_AGO = datetime.date(2024, 3, 1)


@pytest.fixture
def page_due_for_review(condition_page):
    condition_page.last_reviewed = TWO_YEARS_AGO
    condition_page.next_review_due = TWO_YEARS_AGO.replace(year=2025)
    condition_page.save_revision().publish()
    return condition_page


def edit_form(page, **changes):
    """The page editor's form as a browser posts it; stream fields (empty in these pages) stay empty."""
    stream_fields = {field.name: streamfield([]) for field in page._meta.fields if isinstance(field, StreamField)}
    data = {
        **stream_fields,
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "comments": inline_formset([]),
        **changes,
    }
    return nested_form_data(data)


def submit(client, user, page, **changes):
    client.force_login(user)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), {**edit_form(page, **changes), "action-submit": "Submit"}
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk), status__in=["in_progress", "needs_changes"]
    )


def act(client, user, page, action, comment=""):
    client.force_login(user)
    task_state = WorkflowState.objects.active().get(object_id=str(page.pk)).current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]), {"comment": comment}
    )
    assert response.status_code in (200, 302)
    return TaskState.objects.get(pk=task_state.pk)


def test_health_sections_are_assigned_the_medical_review_workflow(condition_page, treatment_page):
    workflow = Workflow.objects.get(name=roles.MEDICAL_REVIEW)
    assert condition_page.get_workflow() == workflow
    assert treatment_page.get_workflow() == workflow
    assert [task.specific.groups.get().name for task in workflow.tasks] == [roles.MEDICAL_REVIEWERS]


def test_submit_reject_resubmit_approve_publishes_with_new_review_dates(client, editor, reviewer, page_due_for_review):
    page = page_due_for_review
    today = timezone.localdate()

    workflow_state = submit(client, editor, page, title="Neuroendocrine tumours (NETs)")
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert Page.objects.get(pk=page.pk).title == "Neuroendocrine tumours"  # nothing live yet

    rejected = act(client, reviewer, page, "reject", comment="Please cite the guideline for the symptoms list.")
    assert rejected.status == TaskState.STATUS_REJECTED
    assert rejected.comment == "Please cite the guideline for the symptoms list."
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert Page.objects.get(pk=page.pk).title == "Neuroendocrine tumours"

    editor_view = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Please cite the guideline for the symptoms list." in editor_view

    resubmitted = submit(client, editor, page, title="Neuroendocrine tumours (NETs)", summary="Now with sources.")
    assert resubmitted.pk == workflow_state.pk
    assert resubmitted.status == WorkflowState.STATUS_IN_PROGRESS

    approved = act(client, reviewer, page, "approve", comment="Checked against the guideline.")
    assert approved.status == TaskState.STATUS_APPROVED

    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert page.title == "Neuroendocrine tumours (NETs)"
    assert page.summary == "Now with sources."
    assert page.last_reviewed == today
    assert page.next_review_due == review_due_after(today, 12)
    assert page.live_revision.user == editor
    assert WorkflowState.objects.get(pk=workflow_state.pk).status == WorkflowState.STATUS_APPROVED


def test_approval_proposes_the_next_review_from_the_site_setting(client, editor, reviewer, page_due_for_review):
    settings = SiteSettings.for_site(page_due_for_review.get_site())
    settings.review_interval_months = 6
    settings.save()

    submit(client, editor, page_due_for_review)
    act(client, reviewer, page_due_for_review, "approve")

    page_due_for_review.refresh_from_db()
    assert page_due_for_review.next_review_due == review_due_after(timezone.localdate(), 6)


def test_editors_cannot_approve_their_own_submission(client, editor, page_due_for_review):
    submit(client, editor, page_due_for_review, title="Unreviewed title")
    task_state = WorkflowState.objects.active().get(object_id=str(page_due_for_review.pk)).current_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page_due_for_review.pk, "approve", task_state.pk]), {}
    )
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert Page.objects.get(pk=page_due_for_review.pk).title == "Neuroendocrine tumours"


def test_editors_cannot_publish_directly(client, editor, page_due_for_review):
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page_due_for_review.pk]),
        {**edit_form(page_due_for_review, title="Unreviewed title"), "action-publish": "Publish"},
    )
    assert Page.objects.get(pk=page_due_for_review.pk).title == "Neuroendocrine tumours"
