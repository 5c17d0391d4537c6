"""Review dates that no approval backs are cleared; approvals already made become review records.

Before review records existed, the demo loader and editors could set a page's review dates and
reviewer by hand. Only an approved "Medical review" task shows that a reviewer saw the page.
"""

from django.db import migrations

from netportal.governance import roles

HEALTH_PAGE_MODELS = ("conditionpage", "treatmentpage", "informationpage")


def forwards(apps, schema_editor):
    task_state_model = apps.get_model("wagtailcore", "TaskState")
    record_model = apps.get_model("governance", "ReviewRecord")
    for model_name in HEALTH_PAGE_MODELS:
        model = apps.get_model("treatments", model_name)
        for page in model.objects.exclude(last_reviewed__isnull=True):
            approval = (
                task_state_model.objects.filter(
                    workflow_state__object_id=str(page.pk),
                    task__name=roles.MEDICAL_REVIEW,
                    status="approved",
                    finished_by__isnull=False,
                )
                .order_by("-finished_at")
                .first()
            )
            if approval is None:
                model.objects.filter(pk=page.pk).update(
                    last_reviewed=None, next_review_due=None, reviewed_by="", reviewer_role=""
                )
                continue
            user = approval.finished_by
            name = f"{user.first_name} {user.last_name}".strip() or "a medical reviewer of this portal"
            model.objects.filter(pk=page.pk).update(reviewed_by=name, reviewer_role="")
            record_model.objects.get_or_create(
                page_id=page.pk,
                revision_id=approval.revision_id,
                defaults={
                    "reviewer_id": user.pk,
                    "reviewer_name": name,
                    "reviewed_on": page.last_reviewed,
                    "next_review_due": page.next_review_due or page.last_reviewed,
                    "comment": approval.comment,
                },
            )


def grant_administrators(apps, schema_editor):
    # Administrators hold every permission; the new models' permissions are made here.
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("governance")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    group = apps.get_model("auth", "Group").objects.filter(name=roles.ADMINISTRATORS).first()
    if group is not None:
        permissions = apps.get_model("auth", "Permission").objects.filter(
            content_type__app_label="governance", content_type__model__in=["reviewerprofile", "reviewrecord"]
        )
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_reviewer_profiles_and_review_records"),
        ("treatments", "0003_review_fields_set_by_approval"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunPython(grant_administrators, migrations.RunPython.noop),
    ]
