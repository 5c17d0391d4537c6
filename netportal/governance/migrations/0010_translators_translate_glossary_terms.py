"""Translators translate glossary terms too (their rights are reset to the current definition)."""

from django.db import migrations

from netportal.governance import roles, translations


def forwards(apps, schema_editor):
    roles.create_translators_group(apps)
    translations.assign_translation_trees(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0009_translators"),
        ("glossary", "0004_one_slug_per_language"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
