"""Reading-level feedback: textstat's scores, the editor's side panel, the review dashboard and the site's target."""

import pytest
import textstat
from django.urls import reverse
from wagtail.models import Site, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from netportal.core.models import SiteSettings
from treatments.readability import READING_AGE_OFFSET, page_text, score_page, score_text, sentences_of

from .conftest import section

pytestmark = pytest.mark.django_db

NET_TEXT = (
    "Neuroendocrine tumors (NETs) are rare cancers found in only about 2% of all individuals diagnosed with cancer "
    "each year. There are many varieties, with carcinoid being the most common one."
)
SIMPLE_TEXT = "The cat sat on the mat. We go home now."
HARD_TEXT = (
    "Cure of liver metastases from neuroendocrine pancreatic cancer using intra-arterial peptide receptor "
    "Radionuclide therapy (PRRNT) shown here before treatment (on the left), one year after application of three "
    "cycles of Yttrium-90 somatostatin analogue (middle) and more than 5 years after the first image following the "
    "administration of an additional single systemic course of Lutetium-177 somatostatin analogue."
)


@pytest.mark.parametrize("text", [NET_TEXT, SIMPLE_TEXT, HARD_TEXT])
def test_scores_are_textstats_own_flesch_kincaid_figures(text):
    level = score_text(text)
    assert level.grade == round(textstat.flesch_kincaid_grade(text), 1)
    assert level.reading_age == round(level.grade + READING_AGE_OFFSET, 1)
    assert level.words == textstat.lexicon_count(text)
    assert level.sentences == textstat.sentence_count(text)


def test_known_texts_score_as_textstat_0_7_8_scores_them():
    assert score_text(NET_TEXT).grade == 10.3
    assert score_text(NET_TEXT).reading_age == 15.3
    assert score_text(SIMPLE_TEXT).reading_age < 11 < score_text(HARD_TEXT).reading_age


def test_the_longest_sentences_and_the_words_with_most_syllables_are_listed():
    level = score_text(f"{SIMPLE_TEXT} {NET_TEXT}")
    assert level.longest_sentences[0] == (
        19,
        "Neuroendocrine tumors (NETs) are rare cancers found in only about 2% of all individuals diagnosed with "
        "cancer each year.",
    )
    assert [words for words, _sentence in level.longest_sentences] == sorted(
        (words for words, _sentence in level.longest_sentences), reverse=True
    )
    syllables = [count for count, _word in level.hardest_words]
    assert syllables == sorted(syllables, reverse=True)
    assert all(count == textstat.syllable_count(word) for count, word in level.hardest_words)
    assert "cat" not in [word for _count, word in level.hardest_words]


def test_a_sentence_does_not_end_after_an_abbreviation():
    text = "The first PRRT approved by the U.S. FDA is Lutathera. Ask Prof. Dr. Baum."
    assert sentences_of(text) == ["The first PRRT approved by the U.S. FDA is Lutathera.", "Ask Prof. Dr. Baum."]


def test_an_empty_page_scores_no_words():
    level = score_text("")
    assert (level.words, level.longest_sentences) == (0, [])
    assert not level.above(11)


def test_the_page_text_is_its_summary_and_body_prose_without_headings(health_page):
    health_page.summary = "A short summary"
    health_page.body = [
        section("A heading that is not prose", "<p>First paragraph.</p><h3>Sub heading</h3><ul><li>An item</li></ul>"),
        {"type": "callout", "value": {"kind": "note", "heading": "Label", "text": "<p>A note.</p>"}},
        {
            "type": "questions_to_ask",
            "value": {"heading": "", "introduction": "<p>Ask them.</p>", "questions": ["Why"]},
        },
    ]
    assert page_text(health_page).split("\n") == [
        "A short summary.",
        "First paragraph.",
        "An item.",
        "A note.",
        "Ask them.",
        "Why.",
    ]


def edit_data(page, text):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": "",
            "body": streamfield([("section", {"heading": "About", "body": rich_text(f"<p>{text}</p>")})]),
            "references": streamfield([]),
            "related_pages": streamfield([]),
            "comments": inline_formset([]),
        }
    )


def save_draft(client, user, page, text):
    client.force_login(user)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_data(page, text))
    assert response.status_code == 302, response.context["form"].errors if response.context else response


def test_the_editor_shows_the_reading_level_of_the_page_as_last_saved(client, editor, health_page):
    save_draft(client, editor, health_page, HARD_TEXT)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[health_page.pk])).content.decode()
    level = score_text(f"{HARD_TEXT}")

    assert "Reading level (advice)" in html
    assert f"Estimated reading age: {level.reading_age} (Flesch-Kincaid grade {level.grade})." in html
    assert "above the site's target reading age of 11" in html
    assert "Longest sentences" in html and "Words with most syllables" in html
    assert "administration" in html
    assert "Words: 56. Sentences: 1." in html

    save_draft(client, editor, health_page, SIMPLE_TEXT)  # saving again updates the figures
    html = client.get(reverse("wagtailadmin_pages:edit", args=[health_page.pk])).content.decode()
    assert f"Estimated reading age: {score_text(SIMPLE_TEXT).reading_age}" in html
    assert "within the site's target reading age of 11" in html


def test_a_new_page_asks_for_a_save_first(client, home_page):
    from tests.factories import StaffUserFactory

    admin = StaffUserFactory(username="admin-user", is_superuser=True)
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:add", args=["treatments", "conditionpage", home_page.pk])
    assert "Save a draft to see how hard this page is to read." in client.get(url).content.decode()


def test_the_target_reading_age_is_a_site_setting_of_11_by_default(home_page):
    site = Site.objects.get(is_default_site=True)
    assert SiteSettings.for_site(site).reading_age_target == 11


def test_the_review_dashboard_lists_pages_above_the_target_with_their_score(client, reviewer, health_page, home_page):
    from tests.factories import ConditionPageFactory

    health_page.body = [section("About", f"<p>{HARD_TEXT}</p>")]
    health_page.save_revision().publish()
    easy = ConditionPageFactory(parent=home_page, title="Easy page", summary="")
    easy.body = [section("About", f"<p>{SIMPLE_TEXT}</p>")]
    easy.save_revision().publish()
    client.force_login(reviewer)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    hard_level = score_page(health_page)
    assert "Health pages above the target reading age" in html
    assert f"<td>{hard_level.reading_age}</td>" in html
    assert "Neuroendocrine tumours</a>" in html.split("Health pages above the target reading age")[1]
    assert "Easy page" not in html.split("Health pages above the target reading age")[1].split("</table>")[0]

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.reading_age_target = 40
    settings.save()
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Every health page is within the site's target reading age of 40." in html


def test_reviewers_see_the_reading_level_beside_the_approve_action_and_may_still_approve(
    client, editor, reviewer, health_page
):
    save_draft(client, editor, health_page, HARD_TEXT)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[health_page.pk]),
        {**edit_data(health_page, HARD_TEXT), "action-submit": "Submit"},
    )
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[health_page.pk])).content.decode()
    assert f"Estimated reading age: {score_text(HARD_TEXT).reading_age}" in html
    assert "Approve and Publish" in html

    task_state = WorkflowState.objects.active().get(object_id=str(health_page.pk)).current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[health_page.pk, "approve", task_state.pk]), {"comment": ""}
    )
    assert response.status_code in (200, 302)
    health_page.refresh_from_db()
    assert "Cure of liver metastases" in str(health_page.body.raw_data)  # published: advice never blocks
