import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from organizations.models import Association, Region, Scope
from tests.factories import AssociationFactory, RegionFactory

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/organizations/association/"


def listed(response):
    return {association.name for association in response.context["object_list"]}


@pytest.fixture
def directory(db):
    europe = RegionFactory(name="Europe", slug="europe")
    america = RegionFactory(name="North America", slug="north-america")
    today = timezone.localdate()
    return {
        "germany": AssociationFactory(
            name="German group", country="DE", region=europe, last_verified=today - datetime.timedelta(days=30)
        ),
        "france": AssociationFactory(
            name="French group", country="FR", region=europe, last_verified=today - datetime.timedelta(days=500)
        ),
        "usa": AssociationFactory(name="American group", country="US", region=america, last_verified=None),
        "europe": AssociationFactory(
            name="European network",
            country="",
            scope=Scope.MULTINATIONAL,
            countries_served=["DE", "FR"],
            region=europe,
            former_names="Old European name",
        ),
    }


def test_directory_menu_groups_associations_and_regions(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Directory" in html
    assert LISTING in html
    assert "/admin/snippets/organizations/region/" in html


def test_association_listing_shows_the_columns_staff_need(admin_client, directory):
    response = admin_client.get(LISTING)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Name", "Country", "Region", "Scope", "Last verified", "Status"):
        assert heading in html
    assert '<img src="/static/flags/de.svg" alt="" width="20" height="15" class="directory-flag"> Germany' in html
    assert "\U0001f1e9\U0001f1ea" not in html  # no emoji flag
    assert "Multinational" in html
    assert len(listed(response)) == 4


def test_association_listing_filters_by_region_country_and_scope(admin_client, directory):
    america = Region.objects.get(slug="north-america")
    assert listed(admin_client.get(LISTING, {"region": america.pk})) == {"American group"}
    assert listed(admin_client.get(LISTING, {"country": "FR"})) == {"French group"}
    assert listed(admin_client.get(LISTING, {"scope": "multinational"})) == {"European network"}


def test_association_listing_filters_by_verification_age(admin_client, directory):
    assert listed(admin_client.get(LISTING, {"verification": "stale"})) == {"French group"}
    assert listed(admin_client.get(LISTING, {"verification": "never"})) == {"American group", "European network"}
    assert listed(admin_client.get(LISTING, {"verification": "stale_or_never"})) == {
        "French group",
        "American group",
        "European network",
    }
    assert listed(admin_client.get(LISTING, {"verification": "recent"})) == {"German group"}


def test_association_listing_searches_names_former_names_and_subtitles(admin_client, directory):
    assert listed(admin_client.get(LISTING, {"q": "German"})) == {"German group"}
    assert listed(admin_client.get(LISTING, {"q": "Old European"})) == {"European network"}


def test_association_listing_exports_csv_of_the_filtered_rows(admin_client, directory):
    response = admin_client.get(LISTING, {"export": "csv", "region": Region.objects.get(slug="europe").pk})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert {row["Name"] for row in rows} == {"German group", "French group", "European network"}
    assert "Countries served" in rows[0]


def test_association_listing_exports_xlsx(admin_client, directory):
    response = admin_client.get(LISTING, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Name"
    assert len(rows) == 5


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_association_listing_exports_formula_like_cells_as_text(admin_client, directory, export_format):
    directory["germany"].name = "=cmd|' /C calc'!A0"
    directory["germany"].save()
    response = admin_client.get(LISTING, {"export": export_format})
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        rows = [list(row.values()) for row in csv.DictReader(io.StringIO(content.decode("utf-8")))]
    else:
        rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))[1:]
    names = [row[0] for row in rows]
    assert "'=cmd|' /C calc'!A0" in names
    assert not any(str(cell).startswith(("=", "+", "-", "@")) for row in rows for cell in row if cell)


def test_inspect_and_history_views_open(admin_client, directory):
    association = directory["germany"]
    association.save_revision().publish()
    assert admin_client.get(f"{LISTING}inspect/{association.pk}/").status_code == 200
    history = admin_client.get(f"{LISTING}history/{association.pk}/")
    assert history.status_code == 200


def test_staff_can_save_a_draft_and_publish_it(admin_client, directory):
    association = directory["germany"]
    form = {
        "name": "German group renamed",
        "slug": association.slug,
        "subtitle": "",
        "former_names": "",
        "acronym": "",
        "scope": "national",
        "region": association.region.pk,
        "country": "DE",
        "website": "",
        "email": "",
        "languages": "",
        "description": "",
        "focus": "",
        "last_verified": "",
    }
    admin_client.post(f"{LISTING}edit/{association.pk}/", form)
    association.refresh_from_db()
    assert association.name == "German group"  # a draft leaves the live record alone
    assert association.has_unpublished_changes
    admin_client.post(f"{LISTING}edit/{association.pk}/", {**form, "action-publish": "action-publish"})
    association.refresh_from_db()
    assert association.name == "German group renamed"
    assert not association.has_unpublished_changes


def test_a_national_association_without_a_country_is_refused(admin_client, directory):
    region = Region.objects.get(slug="europe")
    response = admin_client.post(
        f"{LISTING}add/",
        {"name": "Nowhere group", "slug": "nowhere-group", "scope": "national", "region": region.pk, "country": ""},
    )
    assert response.status_code == 200
    assert not Association.objects.filter(slug="nowhere-group").exists()


def test_bulk_delete_asks_for_confirmation_first(admin_client, directory):
    ids = [directory["germany"].pk, directory["france"].pk]
    url = "/admin/bulk/organizations/association/delete/?" + "&".join(f"id={pk}" for pk in ids)
    confirmation = admin_client.get(url)
    assert confirmation.status_code == 200
    assert Association.objects.count() == 4
    admin_client.post(url)
    assert Association.objects.count() == 2


def test_region_listing_opens(admin_client, directory):
    response = admin_client.get("/admin/snippets/organizations/region/")
    assert response.status_code == 200
    assert "North America" in response.content.decode()


def test_association_listing_searches_subtitles(admin_client, directory):
    directory["france"].subtitle = "Association pour les tumeurs endocrines"
    directory["france"].save()
    assert listed(admin_client.get(LISTING, {"q": "tumeurs endocrines"})) == {"French group"}


def test_inspect_view_shows_the_country_with_its_flag_and_the_countries_served(admin_client, directory):
    html = admin_client.get(f"{LISTING}inspect/{directory['germany'].pk}/").content.decode()
    assert 'src="/static/flags/de.svg" alt=""' in html and "Germany" in html
    html = admin_client.get(f"{LISTING}inspect/{directory['europe'].pk}/").content.decode()
    assert "Germany, France" in html or "France, Germany" in html


def test_history_records_each_publication(admin_client, directory):
    association = directory["germany"]
    association.save_revision(user=None, log_action=True).publish(log_action=True)
    html = admin_client.get(f"{LISTING}history/{association.pk}/").content.decode()
    assert "Published" in html


def test_a_published_admin_edit_shows_on_the_public_site_at_once(admin_client, settings, seeded_directory):
    """With the anonymous page cache on, as in production."""
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    visitor = Client()
    luce = Association.objects.get(slug="luce")
    urls = ["/patient-associations/luce/", "/patient-associations/?q=Switzerland", "/patient-associations/country/che/"]
    for url in urls:
        visitor.get(url)
        assert visitor.get(url)["X-Cache"] == "hit"
    form = {
        "name": "LuCE",
        "slug": "luce",
        "subtitle": "A subtitle staff just checked",
        "former_names": "",
        "acronym": "",
        "scope": "national",
        "region": luce.region.pk,
        "country": "CH",
        "website": "",
        "email": "",
        "languages": "",
        "description": "",
        "focus": "",
        "last_verified": "",
    }
    admin_client.post(f"{LISTING}edit/{luce.pk}/", form)
    for url in urls:
        assert "A subtitle staff just checked" not in visitor.get(url).content.decode(), url
    admin_client.post(f"{LISTING}edit/{luce.pk}/", {**form, "action-publish": "action-publish"})
    for url in urls:
        response = visitor.get(url)
        assert "A subtitle staff just checked" in response.content.decode(), url
    cache.clear()
