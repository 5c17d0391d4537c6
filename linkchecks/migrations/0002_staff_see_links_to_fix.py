"""Directory managers, editors and administrators may see the "Links to fix" report.

The groups are made by netportal.governance (roles.py); their names are repeated here so this
app does not import governance. Groups that do not exist are left alone.
"""

from django.db import migrations

GROUPS = ["Editors", "Directory managers", "Administrators"]


def grant(apps, schema_editor):
    content_type, _ = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="linkchecks", model="checkedlink"
    )
    permission, _ = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename="view_checkedlink", defaults={"name": "Can view checked link"}
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    permission = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="linkchecks", codename="view_checkedlink"
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUPS):
        group.permissions.remove(*permission)


class Migration(migrations.Migration):
    dependencies = [
        ("linkchecks", "0001_link_check_results"),
        ("governance", "0002_staff_groups_and_medical_review"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
