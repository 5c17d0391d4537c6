"""Staff cannot save a nameless association, are warned of duplicates, get the slug and region filled
in, choose countries from a filterable list and see dates as dates."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from organizations.geography import default_region
from organizations.models import Association, Scope
from tests.factories import AssociationFactory, RegionFactory

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/organizations/association/"
ADD = f"{LISTING}add/"


@pytest.fixture
def regions(db):
    return {
        "europe": RegionFactory(name="Europe", slug="europe", sort_order=10),
        "america": RegionFactory(name="North America", slug="north-america", sort_order=20),
    }


def form(**values):
    data = {"name": "", "slug": "", "scope": "national", "country": "", "region": "", "action-publish": "publish"}
    data.update(values)
    return data


def errors(response):
    return response.context["form"].errors if response.context and "form" in response.context else {}


def test_the_database_refuses_an_association_without_a_name(regions):
    with pytest.raises(IntegrityError), transaction.atomic():
        Association.objects.create(name="", slug="nameless", country="DE", region=regions["europe"])


def test_the_admin_refuses_an_association_without_a_name(admin_client, regions):
    response = admin_client.post(ADD, form(slug="nameless", country="DE", region=regions["europe"].pk))
    assert response.status_code == 200
    assert "name" in errors(response)
    assert not Association.objects.filter(slug="nameless").exists()


def test_a_duplicate_name_in_the_same_country_is_warned_about_then_saved_when_confirmed(admin_client, regions):
    AssociationFactory(name="NET Italy", slug="net-italy", country="IT", region=regions["europe"])
    data = form(name="net  italy!", slug="net-italy-2", country="IT", region=regions["europe"].pk)
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert "already listed in Italy" in str(errors(response)["name"])
    assert not Association.objects.filter(slug="net-italy-2").exists()
    response = admin_client.post(ADD, {**data, "confirm_duplicate": "on"})
    assert response.status_code == 302
    assert Association.objects.filter(slug="net-italy-2").exists()


def test_the_same_name_in_another_country_is_no_duplicate(admin_client, regions):
    AssociationFactory(name="NET Italy", slug="net-italy", country="IT", region=regions["europe"])
    response = admin_client.post(ADD, form(name="NET Italy", slug="net-italy-ch", country="CH"))
    assert response.status_code == 302
    assert Association.objects.get(slug="net-italy-ch").region == regions["europe"]


def test_editing_an_association_is_no_duplicate_of_itself(admin_client, regions):
    association = AssociationFactory(name="NET Italy", slug="net-italy", country="IT", region=regions["europe"])
    data = form(name="NET Italy", slug="net-italy", country="IT", region=regions["europe"].pk)
    response = admin_client.post(f"{LISTING}edit/{association.pk}/", data)
    assert response.status_code == 302


def test_the_name_fills_the_slug_as_page_titles_do(admin_client, regions):
    html = admin_client.get(ADD).content.decode()
    name_input = html[html.index('name="name"') - 400 : html.index('name="name"') + 400]
    assert "w-sync" in name_input
    assert 'data-w-sync-target-value="#id_slug"' in name_input
    slug_input = html[html.index('name="slug"') - 400 : html.index('name="slug"') + 400]
    assert 'data-controller="w-slug"' in slug_input


def test_the_region_is_taken_from_the_country_when_left_empty(admin_client, regions):
    response = admin_client.post(ADD, form(name="Svenska gruppen", slug="svenska-gruppen", country="SE"))
    assert response.status_code == 302
    assert Association.objects.get(slug="svenska-gruppen").region == regions["europe"]
    response = admin_client.post(ADD, form(name="Canadian group", slug="canadian-group", country="CA"))
    assert Association.objects.get(slug="canadian-group").region == regions["america"]


def test_a_chosen_region_is_kept(admin_client, regions):
    data = form(name="Atlantic group", slug="atlantic-group", country="IE", region=regions["america"].pk)
    assert admin_client.post(ADD, data).status_code == 302
    assert Association.objects.get(slug="atlantic-group").region == regions["america"]


def test_the_default_region_follows_where_staff_list_the_country(regions):
    asia = RegionFactory(name="Middle East", slug="middle-east")
    AssociationFactory(country="IL", region=asia)
    assert default_region("IL") == asia
    assert default_region("FR") == regions["europe"]
    assert default_region("ZA") is None
    assert default_region("") is None


def test_a_country_without_a_known_region_asks_for_one(admin_client, regions):
    response = admin_client.post(ADD, form(name="Kenyan group", slug="kenyan-group", country="KE"))
    assert response.status_code == 200
    assert "region" in errors(response)


def test_countries_served_are_a_filterable_checkbox_list_not_a_long_select(admin_client, regions):
    html = admin_client.get(ADD).content.decode()
    assert '<select name="countries_served"' not in html
    assert "data-filtered-checkboxes" in html
    assert 'type="checkbox" name="countries_served" value="DE"' in html
    assert 'type="checkbox" name="languages" value="de"' in html
    assert "js/checkbox-filter.js" in html


def test_countries_served_and_languages_are_saved_from_the_checkboxes(admin_client, regions):
    data = form(
        name="Nordic network",
        slug="nordic-network",
        scope=Scope.MULTINATIONAL,
        region=regions["europe"].pk,
        countries_served=["SE", "NO", "DK"],
        languages=["sv", "en"],
        support=["meetings", "helpline"],
        phone="+46 8 123 456",
    )
    assert admin_client.post(ADD, data).status_code == 302
    association = Association.objects.get(slug="nordic-network")
    assert {country.code for country in association.countries_served} == {"SE", "NO", "DK"}
    assert sorted(association.languages.split()) == ["en", "sv"]
    assert sorted(association.support.split()) == ["helpline", "meetings"]


def test_the_admin_refuses_a_phone_number_that_is_not_one(admin_client, regions):
    data = form(name="Phone group", slug="phone-group", country="DE", phone="ring us")
    response = admin_client.post(ADD, data)
    assert "phone" in errors(response)
    assert not Association.objects.filter(slug="phone-group").exists()


def test_the_listing_shows_last_verified_as_a_date(admin_client, regions):
    AssociationFactory(name="Checked", country="DE", region=regions["europe"], last_verified=datetime.date(2026, 3, 4))
    AssociationFactory(name="Unchecked", country="DE", region=regions["europe"], last_verified=None)
    html = admin_client.get(LISTING).content.decode()
    assert "4 Mar 2026" in html
    assert "Never" in html
