"""Glossary terms in the visitors' languages: translated with wagtail-localize by Translators,
published only by a medical reviewer's approval, shown in English (marked as such) until then."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, WorkflowState

from glossary.models import GlossaryTerm, live_terms_in
from netportal.core import languages
from netportal.governance import roles
from tests.factories import StaffUserFactory
from tests.translating import type_translation

from .conftest import make_term, section
from .test_workflow import act

pytestmark = pytest.mark.django_db

EDIT_URL = "wagtailsnippets_glossary_glossaryterm:edit"
LIST_URL = "wagtailsnippets_glossary_glossaryterm:list"


@pytest.fixture
def translator(db):
    return StaffUserFactory(username="translator", group_name=roles.TRANSLATORS)


@pytest.fixture
def trees(home_page, glossary_page, health_page, every_language):
    """Every language's tree, with the glossary page and the health page in each (as aliases)."""
    health_page.body = [section("About", "<p>PRRT is a treatment for some NETs.</p>")]
    health_page.save_revision().publish()
    languages.load_language_trees(home_page, report=lambda message: None)
    return home_page


def publish_translation(page, code):
    """The page's translation into `code`, every string marked "[code]", published (as an
    administrator would for a page outside the health sections)."""
    translation = type_translation(page, code)
    translation.save_target(publish=False)
    # save_target(publish=True) publishes once the transaction commits, which a test's never does.
    page.get_translation(translation.target_locale).get_latest_revision().publish()


@pytest.fixture
def prrt(trees, glossary_page):
    publish_translation(glossary_page, "de")  # the German glossary page has its own text; the French not yet
    return make_term("PRRT", "Peptide Receptor Radionuclide Therapy, a treatment.", other_spellings="PRRNT")


def german():
    return Locale.objects.get(language_code="de")


def translate(client, translator, term):
    """What a translator does: "Translate" into German in the glossary, then type each string in
    wagtail-localize's editor (its strings are stored as the translation, not on the term)."""
    client.force_login(translator)
    response = client.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["glossary", "glossaryterm", term.pk]),
        {"locales": [german().pk]},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    type_translation(term, "de")
    return GlossaryTerm.objects.get(translation_key=term.translation_key, locale=german())


def submit(client, translator, german_term):
    client.force_login(translator)
    listing = client.get(reverse(LIST_URL, query={"locale": "de"})).content.decode()
    url = reverse("governance_admin:submit_glossary_translation", args=[german_term.pk])
    assert url in listing, "the glossary listing offers the translation for review"
    assert client.get(url).status_code == 200  # asks first
    assert client.post(url).status_code == 302
    return WorkflowState.objects.get(object_id=str(german_term.pk), status=WorkflowState.STATUS_IN_PROGRESS)


def glossary_html(client, language="de"):
    client.logout()
    return client.get(f"/{language}/glossary/").content.decode()


def test_translators_translate_terms_but_never_change_the_originals_or_publish(client, translator, prrt):
    assert translator.has_perm("glossary.change_glossaryterm")
    assert not translator.has_perm("glossary.add_glossaryterm")
    assert not translator.has_perm("glossary.publish_glossaryterm")
    german_term = translate(client, translator, prrt)
    client.force_login(translator)
    refused = client.get(reverse(EDIT_URL, args=[prrt.pk]))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse(EDIT_URL, args=[german_term.pk])).status_code == 200  # wagtail-localize's editor
    # "Publish in Deutsch" in that editor is refused to them.
    client.post(reverse(EDIT_URL, args=[german_term.pk]), {"action": "publish"})
    assert not GlossaryTerm.objects.get(pk=german_term.pk).live


def test_a_new_translation_is_a_draft_and_the_glossary_shows_the_english_term_meanwhile(client, translator, prrt):
    german_term = translate(client, translator, prrt)
    assert not german_term.live, "translating never publishes (WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE)"
    html = glossary_html(client)
    assert "[de] PRRT" not in html and "[de] Peptide" not in html
    assert '<dt id="term-prrt" lang="en"><dfn>PRRT</dfn></dt>' in html
    assert '<div lang="en"><p>Peptide Receptor Radionuclide Therapy, a treatment.</p></div>' in html
    assert "Begriffe, die noch nicht in Ihre Sprache übersetzt sind, werden auf Englisch angezeigt." in html
    english = glossary_html(client, "")
    assert 'lang="en"><dfn>' not in english and "not yet translated" not in english
    # The French glossary page is not translated yet: its text, the terms included, is English.
    french = glossary_html(client, "fr")
    assert '<main id="main" class="wrapper" tabindex="-1" lang="en">' in french
    assert '<dt id="term-prrt"><dfn>PRRT</dfn></dt>' in french
    assert '<p class="glossary-untranslated" lang="fr">' in french


def test_a_translated_term_goes_live_only_when_a_reviewer_approves_it(client, translator, reviewer, prrt):
    german_term = translate(client, translator, prrt)
    submit(client, translator, german_term)
    assert "[de] Peptide" not in glossary_html(client), "waiting for review"
    # The reviewer sees it waiting, with its language.
    client.force_login(reviewer)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    waiting = dashboard[dashboard.index(reverse(EDIT_URL, args=[german_term.pk])) :][:1500]
    assert "Deutsch" in waiting

    act(client, reviewer, german_term, "approve")

    german_term.refresh_from_db()
    assert german_term.live and german_term.slug == prrt.slug
    html = glossary_html(client)
    assert '<dt id="term-prrt"><dfn>[de] PRRT</dfn></dt>' in html
    assert "[de] Peptide Receptor Radionuclide Therapy, a treatment." in html
    assert "not yet translated" not in html
    assert "[de] PRRT" not in glossary_html(client, ""), "the English glossary keeps the English term"
    # Once a term is live in German, the German list has it once.
    assert [term.term for term in live_terms_in("de")] == ["[de] PRRT"]


def test_a_new_draft_of_a_live_translation_leaves_the_approved_text_showing(client, translator, reviewer, prrt):
    german_term = translate(client, translator, prrt)
    submit(client, translator, german_term)
    act(client, reviewer, german_term, "approve")

    # The translator changes the German definition and submits it again.
    type_translation(prrt, "de", mark="de, v2")
    submit(client, translator, german_term)

    german_term.refresh_from_db()
    assert german_term.live and german_term.has_unpublished_changes
    html = glossary_html(client)
    assert "[de] Peptide" in html and "v2" not in html, "the approved text stays until the change is approved"

    act(client, reviewer, german_term, "approve")
    assert "[de, v2] Peptide" in glossary_html(client)


def test_only_translations_with_work_in_wagtail_localize_can_be_submitted(client, translator, editor, prrt):
    client.force_login(translator)
    english_url = reverse("governance_admin:submit_glossary_translation", args=[prrt.pk])
    assert client.get(english_url)["Location"] == reverse("wagtailadmin_home")
    german_term = translate(client, translator, prrt)
    client.force_login(editor)  # may change terms, and so send a translation to review
    assert client.get(reverse("governance_admin:submit_glossary_translation", args=[german_term.pk])).status_code == 200


def test_health_pages_mark_terms_in_the_language_of_their_text(client, translator, reviewer, prrt, trees):
    german_term = translate(client, translator, prrt)
    client.logout()
    # The German health page is an alias: English text, marked with the English term, linking to
    # the German glossary (where the term is listed in English under the same anchor).
    html = client.get("/de/neuroendocrine-tumours/").content.decode()
    assert 'href="/de/glossary/#term-prrt"' in html
    assert 'data-glossary-definition="Peptide Receptor Radionuclide Therapy, a treatment."' in html

    submit(client, translator, german_term)
    act(client, reviewer, german_term, "approve")
    client.logout()
    html = client.get("/de/neuroendocrine-tumours/").content.decode()
    assert "Peptide Receptor Radionuclide Therapy, a treatment." in html, "English text, English definition"
    assert "[de] Peptide" not in html
    assert (
        'data-glossary-definition="Peptide Receptor Radionuclide Therapy, a treatment."'
        in client.get("/neuroendocrine-tumours/").content.decode()
    )

    # Once the page's German text is live, the German term marks it.
    publish_translation(trees.get_children().get(slug="neuroendocrine-tumours").specific, "de")
    html = client.get("/de/neuroendocrine-tumours/").content.decode()
    assert ">[de] PRRT</a> is a treatment" in html
    assert 'data-glossary-definition="[de] Peptide Receptor Radionuclide Therapy, a treatment."' in html
    assert 'data-glossary-definition="Peptide Receptor' not in html


def test_every_term_belongs_to_a_language_and_keeps_its_slug_there(home_page, every_language):
    languages.load_language_trees(home_page, report=lambda message: None)
    term = make_term("NET")
    assert term.locale == Locale.get_default() and term.slug == "net"
    other = make_term("NET", locale=german())
    assert other.slug == "net", "one slug per language"
    assert make_term("NET").slug == "net-2"


def test_staff_search_the_glossary_in_one_language(client, reviewer, translator, search_index, prrt):
    german_term = translate(client, translator, prrt)
    client.force_login(reviewer)
    response = client.get(reverse(LIST_URL, query={"locale": "de", "q": "PRRT"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse(EDIT_URL, args=[german_term.pk]) in html
    assert reverse(EDIT_URL, args=[prrt.pk]) not in html, "only the German terms"


def test_a_translated_term_is_out_of_date_once_its_original_is_published_again(client, translator, reviewer, prrt):
    from netportal.governance.translations import translations_out_of_date

    german_term = translate(client, translator, prrt)
    submit(client, translator, german_term)
    act(client, reviewer, german_term, "approve")
    assert translations_out_of_date() == []

    prrt.definition = "<p>Peptide Receptor Radionuclide Therapy, a treatment given by drip.</p>"
    prrt.save_revision().publish()

    assert [(term.pk, original.pk) for term, original in translations_out_of_date()] == [(german_term.pk, prrt.pk)]
    client.force_login(translator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(EDIT_URL, args=[german_term.pk]) in dashboard[dashboard.index("Translations out of date") :]
