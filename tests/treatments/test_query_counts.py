"""Each health page type renders in a fixed number of SQL queries, whatever its size.

Images of a body and all their renditions load in one query per image block kind (see
RenditionImageChooserBlock); approvals in one query; the treatment index lists its children in
one query per page type.
"""

import pytest

from tests.factories import (
    CustomImageFactory,
    InformationPageFactory,
    TreatmentApprovalFactory,
    TreatmentPageFactory,
)

from .conftest import section

pytestmark = pytest.mark.django_db

# Wagtail's site lookup by host name (1; no public way to keep it), then images with their
# renditions for the image block and for the image series (the page's route, "no view
# restrictions", site settings, menu and breadcrumbs come from the cache after the first request).
HEALTH_PAGE_QUERIES = 5
# A page inside the treatments section adds its previous/next siblings (1); related pages add
# one query only when editors chose some.
INFORMATION_PAGE_QUERIES = 6
# The same plus the approvals.
TREATMENT_PAGE_QUERIES = 7
# The site and the child pages listed.
TREATMENT_INDEX_QUERIES = 5


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def fill_page(page, size):
    """A body with `size` sections, images, series pictures, resources and references."""
    images = CustomImageFactory.create_batch(size + 1)
    body = [section(f"Heading {number}") for number in range(size)]
    body += [{"type": "image", "value": {"image": image.pk, "caption": "", "credit": ""}} for image in images[:size]]
    body.append(
        {
            "type": "image_series",
            "value": {
                "heading": "",
                "images": [{"image": image.pk, "caption": f"Picture {n}"} for n, image in enumerate(images)],
                "caption": "A series.",
                "credit": "Courtesy of someone",
            },
        }
    )
    body.append(
        {
            "type": "external_resources",
            "value": {
                "heading": "",
                "resources": [
                    {"title": f"Resource {n}", "publisher": "P", "url": "https://example.org/", "description": ""}
                    for n in range(size)
                ],
            },
        }
    )
    page.body = body
    page.references = [
        {"type": "reference", "value": {"title": f"Ref {n}", "publisher": "", "year": None, "url": ""}}
        for n in range(size)
    ]
    page.save_revision().publish()


def measure(client, django_assert_num_queries, url, expected):
    client.get(url)  # warm Wagtail's site-root cache and create the renditions, as a running site has them
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_condition_page_query_count_does_not_grow(client, condition_page, django_assert_num_queries, size):
    fill_page(condition_page, size)
    measure(client, django_assert_num_queries, condition_page.url, HEALTH_PAGE_QUERIES)


@pytest.mark.parametrize("size", [1, 8])
def test_information_page_query_count_does_not_grow(client, treatment_index, django_assert_num_queries, size):
    page = InformationPageFactory(parent=treatment_index)
    fill_page(page, size)
    measure(client, django_assert_num_queries, page.url, INFORMATION_PAGE_QUERIES)


@pytest.mark.parametrize("size", [1, 8])
def test_treatment_page_query_count_does_not_grow(client, treatment_page, django_assert_num_queries, size):
    fill_page(treatment_page, size)
    TreatmentApprovalFactory.create_batch(size, page=treatment_page)
    measure(client, django_assert_num_queries, treatment_page.url, TREATMENT_PAGE_QUERIES)


@pytest.mark.parametrize("size", [1, 20])
def test_treatment_index_query_count_does_not_grow(client, treatment_index, django_assert_num_queries, size):
    TreatmentPageFactory.create_batch(size, parent=treatment_index)
    InformationPageFactory.create_batch(size, parent=treatment_index)
    measure(client, django_assert_num_queries, treatment_index.url, TREATMENT_INDEX_QUERIES)
