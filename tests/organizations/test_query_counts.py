"""Public directory pages run a fixed number of queries, with 41 or with 5,000 associations, every
detail filled in (contact details, languages, support, focus, evidence)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_countries import countries

from organizations.models import Association, AssociationFact, Region, Scope

pytestmark = pytest.mark.django_db

# Wagtail's site lookup by host name (no public way to keep it) and the directory's own query: one
# page of results, counted in the same query (with filters), or read by primary key from the kept
# browsing order (without). The page's route, "no view restrictions", site settings, menu,
# breadcrumbs, region counts and browsing order come from the cache after the first request.
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
    ("/patient-associations/?language=de&support=helpline&nets=1", DIRECTORY_PAGE_QUERIES),
    ("/patient-associations/?q=Deutschland&language=de&nets=1", COUNTRY_SEARCH_QUERIES),
    ("/patient-associations/country/deu/?language=en&support=meetings", COUNTRY_PAGE_QUERIES),
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
    languages = ["de", "de en", "en fr", "sv", "it es"]
    supports = ["helpline", "meetings information", "online_community advocacy", "helpline meetings"]
    for index in range(missing):
        code = codes[index % len(codes)]
        scope = Scope.NATIONAL if index % 10 else Scope.MULTINATIONAL
        generated.append(
            Association(
                name=f"Generated association {index}",
                slug=f"generated-association-{index}",
                country=code if scope == Scope.NATIONAL else "",
                countries_served=[] if scope == Scope.NATIONAL else [code, "DE", "PL"],
                coverage_note="Generated for a query-count test." if scope == Scope.MULTINATIONAL else "",
                scope=scope,
                region=regions[index % len(regions)],
                website=f"https://association-{index}.example.org/",
                email=f"info@association-{index}.example.org",
                phone=f"+49 30 {1000000 + index}",
                languages=languages[index % len(languages)],
                support=supports[index % len(supports)],
                focus=["nets", "nets_and_other", "general"][index % 3],
                description=f"Generated association {index} offers meetings and information.",
                live=True,
            )
        )
    created = Association.objects.bulk_create(generated, batch_size=500)
    AssociationFact.objects.bulk_create(
        [
            AssociationFact(
                association=association,
                field=field,
                value=getattr(association, field),
                source_url=f"{association.website}about",
                confirmed_on=datetime.date(2026, 11, 29),
            )
            for association in created
            for field in ("website", "email", "phone")
        ],
        batch_size=1000,
    )
    assert Association.objects.count() == total


def queries(client, url):
    client.get(url)  # warm the caches and the country lookup, as a running server has them
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_directory_page_query_count_is_the_same_with_41_and_5000_associations(client, seeded_directory):
    """Every page type at both sizes in one test: growing the directory to 5,000 takes a while."""
    carpa = Association.objects.get(slug="carpa")
    carpa.website, carpa.phone, carpa.languages, carpa.support, carpa.focus = (
        "https://carpa.example.org/",
        "+46 8 123 456",
        "sv en",
        "meetings",
        "nets",
    )
    carpa.save()
    AssociationFact.objects.create(
        association=carpa,
        field="website",
        value=carpa.website,
        source_url="https://carpa.example.org/about",
        confirmed_on=datetime.date(2026, 11, 29),
    )
    expected = dict(PAGES)
    assert {url: queries(client, url) for url in expected} == expected
    add_generated_associations(5000)
    assert {url: queries(client, url) for url in expected} == expected
