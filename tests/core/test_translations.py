"""The interface's catalogues: every string in the code is in them, translated in every language."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue(code):
    return polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(code):
    po = catalogue(code)
    assert len(po) > 500
    assert not [entry.msgid for entry in po.untranslated_entries()]
    assert not [entry.msgid for entry in po.fuzzy_entries()]
    assert not [entry.msgid for entry in po if entry.msgid_plural and not all(entry.msgstr_plural.values())]


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_the_compiled_catalogue_holds_every_translation(code):
    """What Django reads (`make translations` compiles it) has every entry, singular and plural."""
    mo_path = LOCALE_DIR / code / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), "run `make translations`"
    compiled = {(entry.msgctxt, entry.msgid): entry for entry in polib.mofile(str(mo_path))}
    missing = []
    for entry in catalogue(code):
        found = compiled.get((entry.msgctxt, entry.msgid))
        if found is None or (found.msgstr, found.msgstr_plural) != (entry.msgstr, entry.msgstr_plural):
            missing.append(entry.msgid)
    assert not missing, f"{len(missing)} strings differ in the compiled {code} catalogue (stale .mo?): {missing[:5]}"


def test_django_answers_in_each_language():
    from django.utils import translation

    for code in OTHER_LANGUAGES:
        with translation.override(code):
            assert translation.gettext("Skip to main content") != "Skip to main content", code


@pytest.mark.skipif(not shutil.which("xgettext"), reason="makemessages needs GNU gettext's xgettext")
def test_the_catalogues_hold_every_string_in_the_code(tmp_path, settings, monkeypatch):
    """Extracting again finds nothing the committed catalogue lacks: no string was added untranslated.

    makemessages writes into every locale directory it finds, so it runs on a copy of the code."""
    source = Path(settings.BASE_DIR)
    copy = tmp_path / "code"
    ignored = shutil.ignore_patterns(".*", "locale", "node_modules", "staticfiles", "tests", "bench", "media", "*.pyc")
    shutil.copytree(source, copy, ignore=ignored)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["de"], add_location="file", verbosity=0)
    extracted = {
        (entry.msgctxt, entry.msgid) for entry in polib.pofile(str(tmp_path / "locale/de/LC_MESSAGES/django.po"))
    }
    committed = {(entry.msgctxt, entry.msgid) for entry in catalogue("de") if not entry.obsolete}
    assert extracted - committed == set(), "run makemessages and translate the new strings"
    assert committed - extracted == set(), "strings no longer in the code: run makemessages"
