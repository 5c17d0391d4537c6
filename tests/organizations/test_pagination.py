"""Directory results come 25 to a page: counted in the same query as the page itself, or, browsing
without filters, read by primary key from the browsing order kept until content changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.directory import PER_PAGE
from tests.factories import AssociationFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = "/patient-associations/"
TOTAL = PER_PAGE + 5


@pytest.fixture
def german_associations(directory_page):
    europe = RegionFactory(name="Europe", slug="europe")
    return AssociationFactory.create_batch(TOTAL, country="DE", region=europe)


def shown(response):
    results = response.context.get("results") or response.context["browse_results"]
    return results


@pytest.mark.parametrize("params", [{"q": "Germany"}, {}])
def test_first_and_second_page_split_the_results(client, german_associations, params):
    first = shown(client.get(URL, params))
    second = shown(client.get(URL, {**params, "page": 2}))
    assert first.paginator.count == second.paginator.count == TOTAL
    assert (first.number, len(first.object_list)) == (1, PER_PAGE)
    assert (second.number, len(second.object_list)) == (2, TOTAL - PER_PAGE)
    assert not {a.pk for a in first.object_list} & {a.pk for a in second.object_list}


def test_count_and_links_are_shown(client, german_associations):
    html = client.get(URL, {"q": "Germany"}).content.decode()
    assert f"{TOTAL} associations" in html
    assert "page=2" in html


@pytest.mark.parametrize("params", [{"q": "Germany"}, {}])
@pytest.mark.parametrize(
    ("page", "expected"),
    [("abc", 1), ("", 1), ("1.5", 1), ("0", 2), ("-3", 2), ("3", 2), ("99", 2), ("9" * 40, 2)],
)
def test_odd_page_numbers_show_the_first_or_last_page(client, german_associations, params, page, expected):
    response = client.get(URL, {**params, "page": page})
    assert response.status_code == 200
    results = shown(response)
    assert results.number == expected
    assert results.paginator.count == TOTAL
    assert len(results.object_list) == (PER_PAGE if expected == 1 else TOTAL - PER_PAGE)


def test_country_and_region_pages_paginate_the_same_way(client, german_associations):
    for url in (URL + "country/deu/", URL + "region/europe/"):
        second = client.get(url, {"page": 2}).context["results"]
        assert (second.number, second.paginator.count, len(second.object_list)) == (2, TOTAL, TOTAL - PER_PAGE)


def test_no_results_is_a_page_with_a_count_of_zero(client, directory_page):
    response = client.get(URL, {"q": "Germany"})
    assert response.status_code == 200
    assert response.context["results"].paginator.count == 0
    assert list(response.context["results"]) == []


def test_a_later_page_costs_no_more_queries_than_the_first(client, german_associations):
    def queries(page):
        client.get(URL, {"q": "Germany", "page": page})
        with CaptureQueriesContext(connection) as context:
            client.get(URL, {"q": "Germany", "page": page})
        return len(context.captured_queries)

    assert queries(1) == queries(2)


def page_sql(client, url, params):
    client.get(url, params)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    return response, " ".join(query["sql"] for query in context.captured_queries)


SORTED_BY_NAME = '"organizations_association"."name" ASC'


@pytest.mark.parametrize(
    ("url", "params", "sorted_by_the_query"),
    [
        (URL, {}, False),  # the kept browsing order
        (URL, {"region": "europe"}, False),
        (URL + "region/europe/", {}, False),
        (URL, {"scope": "national"}, True),  # no kept order for these: the query sorts and counts
        (URL, {"nets": "1"}, True),
        (URL, {"q": "Germany"}, True),  # a country search counts its own results
    ],
)
def test_unfiltered_browsing_reads_its_page_from_the_kept_order(
    client, german_associations, url, params, sorted_by_the_query
):
    for association in german_associations[:3]:
        association.focus = "nets"
        association.save()
    response, sql = page_sql(client, url, {**params, "page": 2})
    results = response.context.get("results") or response.context["browse_results"]
    expected = 3 if params.get("nets") else TOTAL
    assert results.paginator.count == expected
    assert (SORTED_BY_NAME in sql and " OVER " in sql) == sorted_by_the_query
    if not sorted_by_the_query and "q" not in params:
        assert " OVER " not in sql and SORTED_BY_NAME not in sql and " LIMIT " not in sql
    names = [association.name for association in results.object_list]
    if "q" not in params:
        assert names == sorted(names) and len(names) == (expected - PER_PAGE if expected > PER_PAGE else expected)


def test_the_kept_count_follows_an_association_unpublished(client, german_associations):
    assert shown(client.get(URL)).paginator.count == TOTAL
    german_associations[0].unpublish()
    assert shown(client.get(URL)).paginator.count == TOTAL - 1
    assert shown(client.get(URL + "region/europe/")).paginator.count == TOTAL - 1
