"""Existing glossary terms are in the site's default language, each its own translation group."""

import uuid

from django.conf import settings
from django.db import migrations


def into_default_language(apps, schema_editor):
    term_model = apps.get_model("glossary", "GlossaryTerm")
    terms = term_model.objects.filter(locale__isnull=True)
    if not terms.exists():
        return
    locale_model = apps.get_model("wagtailcore", "Locale")
    locale, _created = locale_model.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for term in terms:
        term.locale = locale
        term.translation_key = term.translation_key or uuid.uuid4()
        term.save(update_fields=["locale", "translation_key"])


class Migration(migrations.Migration):
    dependencies = [("glossary", "0002_translatable_terms")]

    operations = [migrations.RunPython(into_default_language, migrations.RunPython.noop)]
