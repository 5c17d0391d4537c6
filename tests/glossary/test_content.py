"""The demo glossary: the seed's own explanations, unreviewed and waiting in the Medical review workflow."""

from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import WorkflowState

from glossary import content
from glossary.models import GlossaryPage, GlossaryTerm
from treatments.models import ConditionPage, InformationPage, TreatmentPage

pytestmark = pytest.mark.django_db

SEED_TEXT = " ".join((Path(__file__).resolve().parents[1] / "data" / "seed.txt").read_text(encoding="utf-8").split())


@pytest.fixture
def loaded(home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_portal_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_terms_wait_unreviewed_in_the_medical_review_workflow(loaded):
    terms = list(GlossaryTerm.objects.order_by("term"))
    assert [term.term for term in terms] == ["Compassionate Use Program", "Neuroendocrine tumour", "PRRT"]
    for term in terms:
        assert not term.live
        state = WorkflowState.objects.active().get(object_id=str(term.pk))
        assert state.workflow.name == "Medical review"


def test_every_demo_definition_is_the_seeds_own_wording(loaded):
    for _slug, _term, _spellings, definition, _page in content.SEED_TERMS:
        sentences = [sentence for sentence in definition.split(". ") if sentence]
        for sentence in sentences:
            assert sentence.rstrip(".") in SEED_TEXT, sentence


def test_demo_terms_link_to_the_pages_they_come_from(loaded):
    expected = {
        "neuroendocrine-tumour": ConditionPage.objects.get(locale__language_code="en").pk,
        "prrt": TreatmentPage.objects.get(locale__language_code="en").pk,
        "compassionate-use-program": InformationPage.objects.get(locale__language_code="en").pk,
    }
    for slug, page_pk in expected.items():
        term = GlossaryTerm.objects.get(slug=slug)
        assert [block.value.pk for block in term.related_pages] == [page_pk]


def test_visitors_see_no_demo_definition_before_review(client, loaded):
    glossary = GlossaryPage.objects.get(locale__language_code="en")
    assert "There are no terms in the glossary yet." in client.get(glossary.url).content.decode()
    assert (
        'class="glossary-term"'
        not in client.get(ConditionPage.objects.get(locale__language_code="en").url).content.decode()
    )


def test_loading_again_changes_nothing(home_page, loaded):
    second_run = []
    content.load(home_page, second_run.append)
    assert second_run == []
    assert GlossaryTerm.objects.count() == 3
    assert GlossaryPage.objects.filter(locale__language_code="en").count() == 1
    # The three terms wait for review (the seed's health pages wait in the same workflow).
    assert WorkflowState.objects.active().filter(base_content_type__model="glossaryterm").count() == 3


def test_once_approved_the_demo_terms_mark_the_seed_pages(client, loaded):
    for term in GlossaryTerm.objects.all():
        WorkflowState.objects.active().get(object_id=str(term.pk)).cancel()
        term.get_latest_revision().publish()
    html = client.get(ConditionPage.objects.get(locale__language_code="en").url).content.decode()
    assert '<a class="glossary-term" href="/glossary/#term-neuroendocrine-tumour"' in html
    assert html.count('class="glossary-term"') == 1
    cup = client.get(InformationPage.objects.get(locale__language_code="en").url).content.decode()
    assert 'href="/glossary/#term-compassionate-use-program"' in cup
