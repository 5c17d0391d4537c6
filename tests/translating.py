"""What a translator does in wagtail-localize's editor, for tests: every string typed in."""

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource


def type_translation(instance, code, mark=None):
    """wagtail-localize's translation of `instance` into `code`, each string typed as "[mark] original"
    (the slug kept), stored as the editor stores it: on the translation, not yet on a page or term."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=code)
    )
    po = translation.export_po()
    for entry in po:
        entry.msgstr = entry.msgid if entry.msgctxt == "slug" else f"[{mark or code}] {entry.msgid}"
    translation.import_po(po)
    return translation
