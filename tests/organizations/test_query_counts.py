"""Public directory pages run a fixed number of queries, with 41 or with 2,000 associations."""

import pytest
from django_countries import countries

from organizations.models import Association, Region, Scope

pytestmark = pytest.mark.django_db

# Wagtail's site lookup by host name (no public way to keep it) and the directory's own query: one
# page of results, counted in the same query. The page's route, "no view restrictions", site
# settings, menu, breadcrumbs and region counts come from the cache after the first request.
DIRECTORY_PAGE_QUERIES = 2
# A country search adds one query for associations whose name matches the words typed.
COUNTRY_SEARCH_QUERIES = 3
COUNTRY_PAGE_QUERIES = 2
REGION_PAGE_QUERIES = 2
# One association instead of a page of results.
ASSOCIATION_PAGE_QUERIES = 2

PAGES = [
    ("/patient-associations/", DIRECTORY_PAGE_QUERIES),
    ("/patient-associations/?scope=national&region=europe", DIRECTORY_PAGE_QUERIES),
    ("/patient-associations/?q=Deutschland", COUNTRY_SEARCH_QUERIES),
    ("/patient-associations/?q=Germny", COUNTRY_SEARCH_QUERIES),
    ("/patient-associations/country/deu/", COUNTRY_PAGE_QUERIES),
    ("/patient-associations/country/pol/", COUNTRY_PAGE_QUERIES),
    ("/patient-associations/region/europe/", REGION_PAGE_QUERIES),
    ("/patient-associations/carpa/", ASSOCIATION_PAGE_QUERIES),
]


def add_generated_associations(total):
    """Bulk-create associations up to `total`, spread over every country and every scope."""
    regions = list(Region.objects.all())
    codes = [code for code, _name in countries]
    missing = total - Association.objects.count()
    generated = []
    for index in range(missing):
        code = codes[index % len(codes)]
        scope = Scope.NATIONAL if index % 10 else Scope.MULTINATIONAL
        generated.append(
            Association(
                name=f"Generated association {index}",
                slug=f"generated-association-{index}",
                country=code if scope == Scope.NATIONAL else "",
                countries_served=[] if scope == Scope.NATIONAL else [code, "DE", "PL"],
                scope=scope,
                region=regions[index % len(regions)],
                live=True,
            )
        )
    Association.objects.bulk_create(generated, batch_size=500)
    assert Association.objects.count() == total


def measure(client, django_assert_num_queries, url, expected):
    client.get(url)  # warm the caches and the country lookup, as a running server has them
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(("url", "expected"), PAGES)
def test_directory_page_query_count_is_the_same_with_41_and_2000_associations(
    client, seeded_directory, django_assert_num_queries, url, expected
):
    measure(client, django_assert_num_queries, url, expected)
    add_generated_associations(2000)
    measure(client, django_assert_num_queries, url, expected)
