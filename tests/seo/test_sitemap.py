"""sitemap.xml lists every live page and every published association, and nothing unpublished."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Page, PageViewRestriction

from organizations.models import Association
from tests.factories import AssociationFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

NAMESPACE = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "http://localhost"


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own response
    return [element.text for element in root.findall("sitemap:url/sitemap:loc", NAMESPACE)]


def test_sitemap_lists_every_live_page(client, health_pages, directory):
    locations = sitemap_locations(client)
    for page in Page.objects.live().filter(depth__gte=2):
        assert page.get_full_url() in locations
    assert f"{SITE}/treatments/prrt/" in locations
    assert f"{SITE}/" in locations


def test_sitemap_leaves_out_unpublished_and_private_pages(client, health_pages, draft_page, home_page):
    private = StandardPageFactory(parent=home_page, title="Staff rota", slug="staff-rota")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    health_pages["cup"].unpublish()
    locations = sitemap_locations(client)
    assert f"{SITE}/unpublished-notes/" not in locations
    assert f"{SITE}/staff-rota/" not in locations
    assert f"{SITE}/treatments/compassionate-use/" not in locations


def test_sitemap_lists_every_published_association(client, directory):
    locations = sitemap_locations(client)
    for association in Association.objects.filter(live=True):
        assert f"{SITE}/patient-associations/{association.slug}/" in locations
    assert f"{SITE}/patient-associations/netzwerk-net/" in locations


def test_sitemap_leaves_out_unpublished_associations(client, directory):
    assert not any("hidden-draft" in location for location in sitemap_locations(client))


def test_sitemap_leaves_out_an_association_once_unpublished(client, directory):
    directory["german"].live = False
    directory["german"].save()
    assert f"{SITE}/patient-associations/netzwerk-net/" not in sitemap_locations(client)


def test_sitemap_lists_country_pages_of_national_and_multinational_associations(client, directory):
    locations = sitemap_locations(client)
    for code in ("deu", "aut", "bel"):
        assert f"{SITE}/patient-associations/country/{code}/" in locations
    # Only the unpublished association works in Poland.
    assert f"{SITE}/patient-associations/country/pol/" not in locations


def test_sitemap_lists_region_pages_with_published_associations(client, directory):
    locations = sitemap_locations(client)
    assert f"{SITE}/patient-associations/region/europe/" in locations
    assert f"{SITE}/patient-associations/region/worldwide/" in locations
    assert len([location for location in locations if "/region/" in location]) == 2


def test_every_sitemap_address_answers(client, health_pages, directory):
    for location in sitemap_locations(client):
        assert client.get(location.removeprefix(SITE)).status_code == 200, location


def test_sitemap_lists_each_address_once(client, health_pages, directory):
    locations = sitemap_locations(client)
    assert len(locations) == len(set(locations))


def test_sitemap_without_a_directory_still_lists_the_pages(client, health_pages):
    assert f"{SITE}/treatments/prrt/" in sitemap_locations(client)


def test_sitemap_runs_the_same_queries_with_more_associations(client, directory, django_assert_max_num_queries):
    client.get("/sitemap.xml")
    AssociationFactory.create_batch(30, region=directory["europe"], country="FR")
    with django_assert_max_num_queries(12):
        assert len(sitemap_locations(client)) > 30
