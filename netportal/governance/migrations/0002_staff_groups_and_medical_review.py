"""Staff groups, the "Medical review" workflow and its assignment to the health sections."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from netportal.governance import roles


def create_all_permissions(apps):
    # Django makes permissions after migrating; the groups need them now, on a fresh database too.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    roles.retire_wagtail_default_moderation(apps)
    roles.create_groups(apps)
    roles.create_medical_review_workflow(apps)
    roles.assign_health_sections(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("treatments", "0001_initial"),
        ("organizations", "0001_initial"),
        ("core", "0002_latest_reviewed_pages_block"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
