"""The demo content's translations: the home page, the trust pages and the directory's own texts.

They are made the way staff make translations, through wagtail-localize: each page's text is
cut into segments (title, introduction, each paragraph), each segment gets its translation from
`demo_translations/<language>.po` (English text → translated text, as translators deliver them),
and wagtail-localize writes the translated page from those segments, keeping images, links and
structure from the original. A page is translated only when every one of its segments has a
translation, so the demo never shows a half-translated page; the others stay aliases of the
English page, with the notice that says so.

Pages that go through a workflow (the health pages: medical review) are never published here,
whatever the catalogue holds: a translated health page goes live only when a reviewer approves it.
"""

from pathlib import Path

import polib
from django.conf import settings
from wagtail.models import Locale, Page

CATALOGUE_DIR = Path(__file__).resolve().parent / "demo_translations"
# Kept as in English: the address stays the same in every language.
UNTRANSLATED_FIELDS = {"slug"}


def catalogue(language):
    """{English text: translation} for a language; empty where there is no catalogue."""
    path = CATALOGUE_DIR / f"{language}.po"
    if not path.exists():
        return {}
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr and not entry.fuzzy}


def translatable_pages(home):
    """The home page and the live pages below it that no workflow guards."""
    pages = [home, *home.get_descendants().live().filter(locale_id=home.locale_id).specific()]
    return [page for page in pages if page.get_workflow() is None]


def source_segments(page):
    """(context, English text) of each segment of the page, as wagtail-localize cuts it."""
    from wagtail_localize.models import TranslationSource

    source, _created = TranslationSource.update_or_create_from_instance(page)
    return source, [(entry.msgctxt, entry.msgid) for entry in source.export_po()]


def load_page_translations(home, report):
    """Translate each page whose every segment has a translation in a language's catalogue.

    A page already translated into a language is left as it is: staff may have changed it since."""
    from wagtail_localize.models import Translation

    catalogues = {
        code: catalogue(code) for code in settings.DEMO_CONTENT_LANGUAGES if code != home.locale.language_code
    }
    catalogues = {code: translations for code, translations in catalogues.items() if translations}
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=catalogues)}
    for page in translatable_pages(home):
        wanted = [
            code
            for code in catalogues
            if code in locales and _not_yet_translated(page.get_translation_or_none(locales[code]))
        ]
        if not wanted:
            continue
        source, segments = source_segments(page)
        texts = [text for context, text in segments if context not in UNTRANSLATED_FIELDS]
        for code in wanted:
            translations = catalogues[code]
            if not all(text in translations for text in texts):
                continue
            translation, _created = Translation.objects.get_or_create(source=source, target_locale=locales[code])
            po = translation.export_po()
            for entry in po:
                entry.msgstr = entry.msgid if entry.msgctxt in UNTRANSLATED_FIELDS else translations[entry.msgid]
            translation.import_po(po)
            translation.save_target(publish=True)
            report(f"translated “{page.title}” into {code}")


def _not_yet_translated(existing):
    return existing is None or existing.alias_of_id is not None


def write_template(home, path=None):
    """Write every segment of the translatable demo pages to demo_translations/pages.pot."""
    po = polib.POFile(wrapwidth=100)
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    seen = set()
    for page in translatable_pages(home):
        _source, segments = source_segments(page)
        for context, text in segments:
            if context in UNTRANSLATED_FIELDS or text in seen:
                continue
            seen.add(text)
            po.append(polib.POEntry(msgid=text, msgstr="", occurrences=[(page.url_path, context)]))
    po.save(str(path or CATALOGUE_DIR / "pages.pot"))
    return len(po)


def english_home():
    return Page.objects.get(depth=2, locale=Locale.get_default())
