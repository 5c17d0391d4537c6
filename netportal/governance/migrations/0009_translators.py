"""The Translators group: wagtail-localize's "submit translation" and rights on each language's tree."""

from django.db import migrations

from netportal.governance import roles, translations


def forwards(apps, schema_editor):
    roles.create_translators_group(apps)
    translations.assign_translation_trees(apps)
    # The language trees' health sections, where they already exist, get the Medical review workflow.
    roles.assign_health_sections(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0008_merge_glossary_review"),
        # Its migration creates the "submit translation" permission granted here.
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
