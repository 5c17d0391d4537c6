"""A page of search results runs the same, bounded number of SQL queries at any size of site."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AssociationFactory, DirectoryPageFactory, RegionFactory, TreatmentPageFactory

pytestmark = pytest.mark.django_db

# The search term and its daily hits (read, read, count: 3), view restrictions, promotions; for each
# group (pages, associations): full-text matches, autocomplete matches, word-part ids and one page of
# rows (pages: plus their content types); the directory page; Wagtail's site lookup by host name
# (site settings and main menu come from the cache after the first request).
SEARCH_PAGE_QUERIES = 16
# No results: no page of rows (3 fewer), plus the titles and names for "Did you mean" (2 more).
NO_RESULTS_QUERIES = 15


def add_matching_content(index, region, count):
    """`count` treatment pages and `count` associations, all found by the word "carcinoid"."""
    for _number in range(count):
        TreatmentPageFactory(parent=index, summary="About carcinoid syndrome.")
        AssociationFactory(region=region, subtitle="A carcinoid patient group", country="NL")


def queries_for(client, query):
    url = reverse("search")
    client.get(url, {"q": query})  # the first search of a term stores it; later ones only count a hit
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, {"q": query})
    assert response.status_code == 200
    return len(context.captured_queries), response


@pytest.fixture
def site_with_sections(home_page, health_pages):
    DirectoryPageFactory(parent=home_page)
    return {"index": health_pages["index"], "region": RegionFactory(name="Europe", slug="europe")}


def test_a_page_of_results_runs_the_same_queries_with_12_or_60_matches(client, site_with_sections):
    add_matching_content(site_with_sections["index"], site_with_sections["region"], 12)
    small, small_response = queries_for(client, "carcinoid")
    add_matching_content(site_with_sections["index"], site_with_sections["region"], 48)
    large, large_response = queries_for(client, "carcinoid")
    assert small_response.context["page_count"] == 12
    assert large_response.context["page_count"] == 60
    assert len(large_response.context["association_results"].object_list) == 10
    assert small == large == SEARCH_PAGE_QUERIES


def test_a_search_without_results_runs_a_bounded_number_of_queries(client, site_with_sections):
    add_matching_content(site_with_sections["index"], site_with_sections["region"], 30)
    count, response = queries_for(client, "xylophone")
    assert response.context["total"] == 0
    assert count == NO_RESULTS_QUERIES
