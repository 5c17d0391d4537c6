"""Staff groups, their least-privilege permissions and the "Medical review" workflow.

Every function takes an app registry, so the data migration (historical models) and the
running site (a new health section was created) share one definition.
"""

from django.db.models.signals import post_save

EDITORS = "Editors"
MEDICAL_REVIEWERS = "Medical reviewers"
DIRECTORY_MANAGERS = "Directory managers"
ADMINISTRATORS = "Administrators"
TRANSLATORS = "Translators"
MEDICAL_REVIEW = "Medical review"

# Pages of these types root a health section: it gets the workflow and the page permissions.
HEALTH_SECTION_TYPES = [("treatments", "conditionpage"), ("treatments", "treatmentindexpage")]
# Information pages are health pages too; one directly below the home page is a section of its own.
HEALTH_PAGE_TYPES = [*HEALTH_SECTION_TYPES, ("treatments", "informationpage")]

# Page permissions per group, granted on each health section (Administrators: on the root page).
SECTION_PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MEDICAL_REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
ADMINISTRATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]

# Image and document permissions on the root collection.
COLLECTION_PERMISSIONS = {
    EDITORS: [("wagtailimages", "image", ["add", "change", "choose"]), ("wagtaildocs", "document", ["add", "choose"])],
    MEDICAL_REVIEWERS: [
        ("wagtailimages", "image", ["add", "change", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "choose"]),
    ],
    ADMINISTRATORS: [
        ("wagtailimages", "image", ["add", "change", "choose", "delete"]),
        ("wagtaildocs", "document", ["add", "change", "choose", "delete"]),
    ],
}

# Django model permissions: (app label, model, actions). Everyone here may open the admin.
ACCESS_ADMIN = ("wagtailadmin", "admin", ["access"])
# Glossary terms go through the same medical review as health pages: editors write, reviewers publish.
GLOSSARY_PERMISSIONS = {
    EDITORS: [("glossary", "glossaryterm", ["add", "change", "view"])],
    MEDICAL_REVIEWERS: [("glossary", "glossaryterm", ["add", "change", "view", "publish", "lock", "unlock"])],
}
# Snippet models that go through the "Medical review" workflow.
REVIEWED_SNIPPET_MODELS = [("glossary", "glossaryterm")]
# Translators: wagtail-localize's "submit translation", translating glossary terms (changing the
# site's own terms is refused to them, netportal.governance.translations), and choosing the pictures
# a page already uses. Their page rights are on each language's tree.
TRANSLATOR_PERMISSIONS = [
    ACCESS_ADMIN,
    ("wagtail_localize", "translation", ["submit"]),
    ("glossary", "glossaryterm", ["change", "view"]),
]
TRANSLATOR_COLLECTION_PERMISSIONS = [("wagtailimages", "image", ["choose"]), ("wagtaildocs", "document", ["choose"])]
MODEL_PERMISSIONS = {
    EDITORS: [ACCESS_ADMIN, *GLOSSARY_PERMISSIONS[EDITORS]],
    MEDICAL_REVIEWERS: [ACCESS_ADMIN, *GLOSSARY_PERMISSIONS[MEDICAL_REVIEWERS]],
    DIRECTORY_MANAGERS: [
        ACCESS_ADMIN,
        ("organizations", "association", ["add", "change", "view", "publish", "lock", "unlock"]),
        ("organizations", "region", ["add", "change", "view"]),
        ("governance", "suggestion", ["change", "view"]),
    ],
}


def _permission(apps, app_label, model, action):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _ = content_type_model.objects.get_or_create(app_label=app_label, model=model)
    # Snippet publish/lock permissions are normally made after migrating; make them here if missing.
    permission, _ = permission_model.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {model}"},
    )
    return permission


def page_permission(apps, codename):
    """Wagtail's page permission for "add_page", "change_page", "publish_page"…"""
    return _permission(apps, "wagtailcore", "page", codename.split("_")[0])


def create_translators_group(apps):
    """The Translators group with exactly its permissions (resets any earlier grants)."""
    group = _group_with_no_permissions(apps, TRANSLATORS)
    for app_label, model, actions in TRANSLATOR_PERMISSIONS:
        group.permissions.add(*(_permission(apps, app_label, model, action) for action in actions))
    root_collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, model, actions in TRANSLATOR_COLLECTION_PERMISSIONS:
            for action in actions:
                apps.get_model("wagtailcore", "GroupCollectionPermission").objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(apps, app_label, model, action)
                )
    return group


def _group_with_no_permissions(apps, name):
    group_model = apps.get_model("auth", "Group")
    group, _ = group_model.objects.get_or_create(name=name)
    group.permissions.clear()
    apps.get_model("wagtailcore", "GroupPagePermission").objects.filter(group=group).delete()
    apps.get_model("wagtailcore", "GroupCollectionPermission").objects.filter(group=group).delete()
    return group


def create_groups(apps):
    """The four staff groups with exactly their permissions (resets any earlier grants)."""
    permission_model = apps.get_model("auth", "Permission")
    collection_model = apps.get_model("wagtailcore", "Collection")
    page_model = apps.get_model("wagtailcore", "Page")
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    group_collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    groups = {name: _group_with_no_permissions(apps, name) for name in (EDITORS, MEDICAL_REVIEWERS, DIRECTORY_MANAGERS)}
    groups[ADMINISTRATORS] = _group_with_no_permissions(apps, ADMINISTRATORS)

    for name, grants in MODEL_PERMISSIONS.items():
        for app_label, model, actions in grants:
            groups[name].permissions.add(*(_permission(apps, app_label, model, action) for action in actions))
    groups[ADMINISTRATORS].permissions.set(permission_model.objects.all())

    root_collection = collection_model.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, grants in COLLECTION_PERMISSIONS.items():
            for app_label, model, actions in grants:
                for action in actions:
                    group_collection_permission.objects.get_or_create(
                        group=groups[name],
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, action),
                    )

    root_page = page_model.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in ADMINISTRATOR_PAGE_PERMISSIONS:
            group_page_permission.objects.get_or_create(
                group=groups[ADMINISTRATORS],
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename.split("_")[0]),
            )
    return groups


def retire_wagtail_default_moderation(apps):
    """Wagtail's install makes a "Moderators" group with publish rights on every page; it has no place here."""
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    for workflow in workflow_model.objects.filter(name="Moderators approval"):
        apps.get_model("wagtailcore", "WorkflowPage").objects.filter(workflow=workflow).delete()
        workflow.active = False
        workflow.save(update_fields=["active"])
    apps.get_model("auth", "Group").objects.filter(name="Moderators").delete()


def create_medical_review_workflow(apps):
    """The "Medical review" workflow: one task that Medical reviewers approve."""
    content_type_model = apps.get_model("contenttypes", "ContentType")
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    task_model = apps.get_model("governance", "MedicalReviewTask")
    reviewers = apps.get_model("auth", "Group").objects.get(name=MEDICAL_REVIEWERS)

    workflow, _ = workflow_model.objects.get_or_create(name=MEDICAL_REVIEW, defaults={"active": True})
    task = task_model.objects.filter(name=MEDICAL_REVIEW).first()
    if task is None:
        content_type, _ = content_type_model.objects.get_or_create(app_label="governance", model="medicalreviewtask")
        task = task_model.objects.create(name=MEDICAL_REVIEW, active=True, content_type=content_type)
    task.groups.add(reviewers)
    workflow_task_model.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def grant_glossary_permissions(apps):
    """Add the glossary permissions to the existing groups, leaving their other permissions as they are."""
    group_model = apps.get_model("auth", "Group")
    for name, grants in GLOSSARY_PERMISSIONS.items():
        group = group_model.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, model, actions in grants:
            group.permissions.add(*(_permission(apps, app_label, model, action) for action in actions))


def assign_reviewed_snippets(apps):
    """Put the reviewed snippet models (glossary terms) under the "Medical review" workflow."""
    workflow = apps.get_model("wagtailcore", "Workflow").objects.filter(name=MEDICAL_REVIEW).first()
    if workflow is None:
        return
    content_type_model = apps.get_model("contenttypes", "ContentType")
    workflow_content_type = apps.get_model("wagtailcore", "WorkflowContentType")
    for app_label, model in REVIEWED_SNIPPET_MODELS:
        content_type, _ = content_type_model.objects.get_or_create(app_label=app_label, model=model)
        workflow_content_type.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


def _health_pages(apps, types):
    content_type_model = apps.get_model("contenttypes", "ContentType")
    page_model = apps.get_model("wagtailcore", "Page")
    content_types = [
        content_type
        for app_label, model in types
        if (content_type := content_type_model.objects.filter(app_label=app_label, model=model).first())
    ]
    return page_model.objects.filter(content_type__in=content_types).order_by("path")


def health_section_roots(apps):
    """Health pages that have no health page above them."""
    pages = list(_health_pages(apps, HEALTH_PAGE_TYPES))
    roots = []
    for page in pages:
        if not any(page.path.startswith(root.path) for root in roots):
            roots.append(page)
    return roots


def assign_health_sections(apps):
    """Put every health section under the "Medical review" workflow and give the page groups rights on it."""
    workflow = apps.get_model("wagtailcore", "Workflow").objects.filter(name=MEDICAL_REVIEW).first()
    if workflow is None:
        return
    workflow_page = apps.get_model("wagtailcore", "WorkflowPage")
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    groups = {
        group.name: group for group in apps.get_model("auth", "Group").objects.filter(name__in=SECTION_PAGE_PERMISSIONS)
    }
    for section in health_section_roots(apps):
        workflow_page.objects.get_or_create(page_id=section.pk, defaults={"workflow": workflow})
        for name, codenames in SECTION_PAGE_PERMISSIONS.items():
            if name not in groups:
                continue
            for codename in codenames:
                group_page_permission.objects.get_or_create(
                    group=groups[name],
                    page_id=section.pk,
                    permission=_permission(apps, "wagtailcore", "page", codename.split("_")[0]),
                )


def _health_page_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from django.apps import apps

        assign_health_sections(apps)


def connect_signals():
    from django.apps import apps
    from django.db.models.signals import pre_save

    from . import translations

    for app_label, model in HEALTH_PAGE_TYPES:
        health_page = apps.get_model(app_label, model)
        pre_save.connect(
            translations.review_from_own_records, sender=health_page, dispatch_uid=f"governance-review-{model}"
        )
        pre_save.connect(translations.note_live_text, sender=health_page, dispatch_uid=f"governance-live-{model}")
        post_save.connect(
            translations.restore_live_text, sender=health_page, dispatch_uid=f"governance-restore-{model}"
        )
    # Reviewed snippets (glossary terms): a translation's draft never replaces or hides its live text.
    for app_label, model in REVIEWED_SNIPPET_MODELS:
        snippet = apps.get_model(app_label, model)
        pre_save.connect(translations.note_live_text, sender=snippet, dispatch_uid=f"governance-live-{model}")
        post_save.connect(translations.restore_live_text, sender=snippet, dispatch_uid=f"governance-restore-{model}")
    post_save.connect(
        translations.language_tree_created,
        sender=apps.get_model("core", "homepage"),
        dispatch_uid="governance-language-tree",
    )

    for app_label, model in HEALTH_PAGE_TYPES:
        post_save.connect(
            _health_page_created,
            sender=apps.get_model(app_label, model),
            dispatch_uid=f"governance-health-section-{model}",
        )
