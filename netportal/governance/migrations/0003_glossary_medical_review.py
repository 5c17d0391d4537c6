"""Glossary terms: the same "Medical review" workflow as health pages, and the groups' rights on them."""

from django.db import migrations

from netportal.governance import roles


def forwards(apps, schema_editor):
    roles.grant_glossary_permissions(apps)
    roles.assign_reviewed_snippets(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0002_staff_groups_and_medical_review"),
        ("glossary", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
