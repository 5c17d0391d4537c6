"""What a visitor or editor would notice if a restore lost something: pages, images, documents, associations.

Used in-process and in a restored copy started as a separate process (`python -c`), so it imports
only Django and the project, never pytest.
"""

import hashlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site


def file_digest(field_file):
    with field_file.open("rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def snapshot():
    pages = [
        {
            "url_path": page.url_path,
            "title": page.title,
            "type": page.specific_class.__name__,
            "live": page.live,
            "first_published_at": page.first_published_at,
            "fields": {
                field.name: field.value_to_string(page.specific)
                for field in page.specific_class._meta.concrete_fields
                if not field.is_relation and field.model is page.specific_class
            },
        }
        for page in Page.objects.order_by("path")
    ]
    images = [
        {
            "title": image.title,
            "alt_text": getattr(image, "alt_text", ""),
            "credit": getattr(image, "credit", ""),
            "size": (image.width, image.height),
            "file": image.file.name,
            "sha256": file_digest(image.file),
        }
        for image in get_image_model().objects.order_by("pk")
    ]
    documents = [
        {"title": document.title, "file": document.file.name, "sha256": file_digest(document.file)}
        for document in get_document_model().objects.order_by("pk")
    ]
    result = {
        "pages": pages,
        "images": images,
        "documents": documents,
        "sites": [(site.hostname, site.port, site.root_page.url_path) for site in Site.objects.order_by("pk")],
        "users": sorted(get_user_model().objects.values_list("username", "is_superuser")),
        "revisions": Revision.objects.count(),
    }
    if apps.is_installed("organizations"):
        association_model = apps.get_model("organizations", "Association")
        result["associations"] = [
            {
                field.name: str(getattr(association, field.attname, ""))
                for field in association_model._meta.concrete_fields
            }
            for association in association_model.objects.order_by("pk")
        ]
    return DjangoJSONEncoder().encode(result)
