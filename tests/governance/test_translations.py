"""Translations under governance: Translators' rights, review of translated health pages, stale translations."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale, Page, WorkflowState
from wagtail_localize.models import TranslationSource

from netportal.core import languages
from netportal.governance import roles, translations
from netportal.governance.models import ReviewRecord
from tests.factories import StaffUserFactory, StandardPageFactory
from tests.translating import type_translation
from treatments.models import ConditionPage

from .test_workflow import act

pytestmark = pytest.mark.django_db

REVIEWED_ON = datetime.date(2026, 10, 1)


@pytest.fixture
def translator(db):
    return StaffUserFactory(username="translator", group_name=roles.TRANSLATORS)


@pytest.fixture
def reviewed_condition_page(condition_page):
    """The English page, approved once (its review as the approval leaves it)."""
    condition_page.last_reviewed = REVIEWED_ON
    condition_page.next_review_due = REVIEWED_ON.replace(year=2027)
    condition_page.reviewed_by = "Dr Rita Reviewer"
    condition_page.save_revision().publish()
    return condition_page


@pytest.fixture
def trees(home_page, reviewed_condition_page, every_language):
    languages.load_language_trees(home_page, report=lambda message: None)
    return home_page


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def german_version(page):
    return page.get_translation(Locale.objects.get(language_code="de")).specific


def start_translation(page, code="de", user=None):
    """What "Translate this page" in wagtail-localize does: the translation, as a draft."""
    translation = type_translation(page, code)
    translation.save_target(user=user, publish=False)
    return translation


def test_translators_may_translate_but_not_publish(translator, trees):
    group = Group.objects.get(name=roles.TRANSLATORS)
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "submit_translation",
        "change_glossaryterm",  # their translations only (tests/glossary/test_translations.py)
        "view_glossaryterm",
    }
    granted = GroupPagePermission.objects.filter(group=group)
    assert set(granted.values_list("permission__codename", flat=True)) == {"add_page", "change_page"}
    homes = {page.locale.language_code for page in Page.objects.filter(pk__in=granted.values("page"))}
    assert homes == {"de", "fr", "es", "it", "nl", "pt", "ar"}
    english, german = trees, german_version(trees)
    assert not english.permissions_for_user(translator).can_edit()
    assert german.permissions_for_user(translator).can_edit()
    assert not german.permissions_for_user(translator).can_publish()
    assert translator.has_perm("wagtail_localize.submit_translation")


def test_a_new_language_tree_gives_translators_their_rights(translator, home_page):
    Locale.objects.create(language_code="fr")
    french_home = home_page.copy_for_translation(Locale.objects.get(language_code="fr"), alias=True)
    assert french_home.permissions_for_user(translator).can_edit()


def test_every_languages_health_sections_have_the_medical_review_workflow(trees, reviewed_condition_page):
    assert german_version(reviewed_condition_page).get_workflow().name == roles.MEDICAL_REVIEW


def test_a_draft_translation_keeps_showing_the_reviewed_original(client, trees, reviewed_condition_page, translator):
    start_translation(reviewed_condition_page, user=translator)
    german = german_version(reviewed_condition_page)
    assert german.alias_of_id is None and german.has_unpublished_changes
    html = client.get("/de/neuroendocrine-tumours/").content.decode()
    assert "[de]" not in html, "the draft is not public"
    assert 'class="language-notice"' in html and "Dr Rita Reviewer" in html


def test_a_translated_health_page_goes_live_only_when_a_reviewer_approves_it(
    client, trees, reviewed_condition_page, translator, reviewer
):
    start_translation(reviewed_condition_page, user=translator)
    german = german_version(reviewed_condition_page)
    # The translator cannot publish it, in wagtail-localize's editor or Wagtail's.
    client.force_login(translator)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[german.pk]), {"action": "publish"})
    assert response.status_code == 302  # refused, back to the editor with the reason
    assert "[de]" not in client.get("/de/neuroendocrine-tumours/").content.decode()

    # A reviewer cannot publish it directly from wagtail-localize's editor either.
    client.force_login(reviewer)
    client.post(reverse("wagtailadmin_pages:edit", args=[german.pk]), {"action": "publish"})
    assert "[de]" not in client.get("/de/neuroendocrine-tumours/").content.decode()

    # The translator sends it to the workflow its section has, from the page explorer …
    client.force_login(translator)
    explorer = client.get(reverse("wagtailadmin_explore", args=[german.get_parent().pk])).content.decode()
    submit_url = reverse("governance_admin:submit_translation", args=[german.pk])
    assert submit_url in explorer
    assert client.get(submit_url).status_code == 200  # asks first
    client.post(submit_url)
    assert WorkflowState.objects.get(object_id=str(german.pk)).status == WorkflowState.STATUS_IN_PROGRESS
    assert refused(client.get(submit_url))  # not twice
    assert "[de]" not in client.get("/de/neuroendocrine-tumours/").content.decode()

    # … and live, with its own review, once a medical reviewer approves it.
    act(client, reviewer, german, "approve")
    german = ConditionPage.objects.get(pk=german.pk)
    assert german.live and not german.has_unpublished_changes
    record = ReviewRecord.objects.get(page=german)
    assert (german.last_reviewed, german.reviewed_by) == (record.reviewed_on, record.reviewer_name)
    client.logout()
    html = client.get("/de/neuroendocrine-tumours/").content.decode()
    assert "[de] Neuroendocrine tumours" in html and 'class="language-notice"' not in html


def test_submitting_saves_the_strings_typed_in_wagtail_localizes_editor_as_the_draft_reviewed(
    client, trees, reviewed_condition_page, translator, reviewer
):
    """The editor stores each string as the translator types it and writes nothing to the page;
    "Submit for medical review" writes them into a draft, and the reviewer approves that."""
    type_translation(reviewed_condition_page, "de", mark="typed")
    german = german_version(reviewed_condition_page)
    assert german.alias_of_id is not None, "nothing written to the page yet"

    client.force_login(translator)
    client.post(reverse("governance_admin:submit_translation", args=[german.pk]))
    german = ConditionPage.objects.get(pk=german.pk)
    assert german.alias_of_id is None and german.has_unpublished_changes
    assert german.get_latest_revision_as_object().title == "[typed] Neuroendocrine tumours"
    assert "[typed]" not in client.get("/de/neuroendocrine-tumours/").content.decode()

    act(client, reviewer, german, "approve")
    client.logout()
    assert "[typed] Neuroendocrine tumours" in client.get("/de/neuroendocrine-tumours/").content.decode()


def test_only_translated_health_pages_with_a_draft_can_be_submitted(client, trees, translator, editor):
    about = StandardPageFactory(parent=trees, title="About", slug="about")
    languages.load_language_trees(trees, report=lambda message: None)
    german_about = about.get_translation(Locale.objects.get(language_code="de"))
    client.force_login(translator)
    assert refused(client.get(reverse("governance_admin:submit_translation", args=[german_about.pk])))
    english = trees.get_children().type(ConditionPage).first()
    assert refused(client.get(reverse("governance_admin:submit_translation", args=[english.pk])))


def test_a_published_translation_never_shows_its_originals_review(trees, reviewed_condition_page):
    """Even published some other way (here directly, as a data import might), a translation states
    only its own review records: none yet."""
    start_translation(reviewed_condition_page)
    german = german_version(reviewed_condition_page)
    german.get_latest_revision().publish()
    german = ConditionPage.objects.get(pk=german.pk)
    assert (german.last_reviewed, german.next_review_due, german.reviewed_by) == (None, None, "")
    english = ConditionPage.objects.get(pk=reviewed_condition_page.pk)
    assert english.last_reviewed == REVIEWED_ON


def test_review_fields_are_not_offered_for_translation(reviewed_condition_page):
    source, _created = TranslationSource.get_or_create_from_instance(reviewed_condition_page)
    contexts = {entry.msgctxt for entry in source.export_po()}
    assert "reviewed_by" not in contexts and "reviewer_role" not in contexts


def test_a_translation_is_out_of_date_once_its_original_is_published_again(home_page, every_language):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    about.save_revision().publish()
    languages.load_language_trees(home_page, report=lambda message: None)
    translation = start_translation(about, "fr")
    translation.save_target(publish=True)
    assert translations.translations_out_of_date() == []
    about.title = "About this portal"
    about.save_revision().publish()
    stale = translations.translations_out_of_date()
    assert [(page.locale.language_code, original.pk) for page, original in stale] == [("fr", about.pk)]
    # Made again from the changed original: up to date.
    TranslationSource.update_or_create_from_instance(about)
    start_translation(about, "fr").save_target(publish=True)
    assert translations.translations_out_of_date() == []


def test_the_dashboard_lists_stale_translations_with_their_language(client, home_page, translator, every_language):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    about.save_revision().publish()
    languages.load_language_trees(home_page, report=lambda message: None)
    start_translation(about, "nl").save_target(publish=True)
    about.save_revision().publish()
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Translations out of date" in html
    assert "[nl] About" in html and "Nederlands" in html


def test_pages_due_for_review_list_each_page_once_with_its_language(client, reviewer, trees, reviewed_condition_page):
    from netportal.governance.review import pages_due_for_review

    due = pages_due_for_review(today=REVIEWED_ON.replace(year=2027))
    assert [(page.pk, page.locale.language_code) for page in due] == [(reviewed_condition_page.pk, "en")]
    assert Permission.objects.filter(codename="submit_translation").exists()
