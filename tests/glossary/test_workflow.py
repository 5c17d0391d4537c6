"""Glossary terms pass the same "Medical review" workflow as health pages; visitors see approved terms only."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, Workflow, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from glossary.models import GlossaryTerm
from netportal.governance import roles

from .conftest import make_term

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_glossary_glossaryterm:add"
EDIT_URL = "wagtailsnippets_glossary_glossaryterm:edit"
ACTION_URL = "wagtailsnippets_glossary_glossaryterm:workflow_action"


def term_form(term="PRRT", definition="Peptide Receptor Radionuclide Therapy.", other_spellings=""):
    return nested_form_data(
        {
            "term": term,
            "slug": "",
            "other_spellings": other_spellings,
            "definition": rich_text(f"<p>{definition}</p>"),
            "sources": streamfield([]),
            "related_pages": streamfield([]),
        }
    )


def submit_new_term(client, editor, **fields):
    client.force_login(editor)
    response = client.post(reverse(ADD_URL), {**term_form(**fields), "action-submit": "Submit"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return GlossaryTerm.objects.get(term=fields.get("term", "PRRT"))


def act(client, user, term, action):
    client.force_login(user)
    task_state = WorkflowState.objects.active().get(object_id=str(term.pk)).current_task_state
    response = client.post(reverse(ACTION_URL, args=[term.pk, action, task_state.pk]), {"comment": ""})
    assert response.status_code in (200, 302)
    return TaskState.objects.get(pk=task_state.pk)


def test_glossary_terms_use_the_medical_review_workflow():
    assert GlossaryTerm.get_default_workflow() == Workflow.objects.get(name=roles.MEDICAL_REVIEW)


def test_editors_may_write_terms_but_not_publish_them(editor, reviewer):
    assert editor.has_perm("glossary.add_glossaryterm") and editor.has_perm("glossary.change_glossaryterm")
    assert not editor.has_perm("glossary.publish_glossaryterm")
    assert reviewer.has_perm("glossary.publish_glossaryterm")


def test_a_submitted_term_is_not_shown_until_a_reviewer_approves_it(client, editor, reviewer, glossary_page):
    term = submit_new_term(client, editor, term="PRRT", definition="Peptide Receptor Radionuclide Therapy.")
    assert not term.live
    client.logout()
    assert "Peptide Receptor Radionuclide Therapy" not in client.get(glossary_page.url).content.decode()

    task_state = act(client, reviewer, term, "approve")

    assert task_state.status == TaskState.STATUS_APPROVED
    term.refresh_from_db()
    assert term.live
    client.logout()
    html = client.get(glossary_page.url).content.decode()
    assert '<dt id="term-prrt"><dfn>PRRT</dfn></dt>' in html
    assert "Peptide Receptor Radionuclide Therapy." in html


def test_a_rejected_term_stays_hidden(client, editor, reviewer, glossary_page):
    term = submit_new_term(client, editor, term="Carcinoid", definition="A variety of NET.")
    act(client, reviewer, term, "reject")
    term.refresh_from_db()
    assert not term.live
    client.logout()
    assert "Carcinoid" not in client.get(glossary_page.url).content.decode()


def test_a_changed_definition_waits_for_approval_while_the_approved_one_stays(client, editor, reviewer, glossary_page):
    term = make_term("PRRT", "The approved definition.")
    client.force_login(editor)
    response = client.post(
        reverse(EDIT_URL, args=[term.pk]), {**term_form(definition="An unreviewed change."), "action-submit": "Submit"}
    )
    assert response.status_code == 302
    client.logout()
    html = client.get(glossary_page.url).content.decode()
    assert "The approved definition." in html
    assert "An unreviewed change." not in html

    act(client, reviewer, term, "approve")
    client.logout()
    html = client.get(glossary_page.url).content.decode()
    assert "An unreviewed change." in html
    assert "The approved definition." not in html


def test_draft_terms_are_never_linked_in_health_pages(client, glossary_page, health_page):
    from .conftest import section

    make_term("PRRT", live=False)
    health_page.body = [section("Treatment", "<p>PRRT is a treatment.</p>")]
    health_page.save_revision().publish()
    assert 'class="glossary-term"' not in client.get(health_page.url).content.decode()
