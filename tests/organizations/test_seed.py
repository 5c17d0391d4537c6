from collections import Counter

import pytest

from organizations import content as directory_content
from organizations.models import Association, DirectoryPage, Region, Scope

pytestmark = pytest.mark.django_db

EU_27 = {
    *("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"),
    *("IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"),
}


def test_seed_loads_41_associations_counted_by_region(seeded_directory):
    counts = Counter(Association.objects.values_list("region__name", flat=True))
    assert counts == {
        "Europe": 19,
        "North America": 10,
        "Asia & Asia Pacific": 9,
        "South America": 2,
        "Worldwide": 1,
    }
    assert Association.objects.filter(live=True).count() == 41


def test_seed_regions_are_ordered_as_in_the_seed(seeded_directory):
    assert list(Region.objects.values_list("name", flat=True)) == [
        "Europe",
        "North America",
        "Asia & Asia Pacific",
        "South America",
        "Worldwide",
    ]


SEED_COUNTRIES = [
    ("APOZ & Friends", "BG"),
    ("Kooperativní skupina pro neuroendokrinní nádory", "CZ"),
    ("Netzwerk Neuroendokrine Tumoren (NeT) e.V.", "DE"),
    ("NET España", "ES"),
    ("Neuroendocrine Cancer UK", "GB"),
    ("NET Patient Foundation", "US"),
    ("Carcinoid-Neuroendocrine Tumour Society", "CA"),
    ("NeuroEndocrine Cancer Australia", "AU"),
    ("The Hope Society for Cancer Care", "TW"),
    ("Instituto Espaco de Vida", "BR"),
    ("Neuroendocrine Tumors Patients Association", "CO"),
    ("Afghan Society Against Cancer", "AF"),
]


def test_seed_associations_have_the_seeds_names_and_countries(seeded_directory):
    for name, country in SEED_COUNTRIES:
        association = Association.objects.get(name=name)
        assert (association.country.code, association.scope) == (country, Scope.NATIONAL), name
    assert Association.objects.filter(country="US").count() == 9
    assert Association.objects.filter(country="IL").count() == 2


def test_seed_subtitles_follow_the_comma(seeded_directory):
    assert Association.objects.get(name="Carpa").subtitle == "the carcinoid patient association"
    assert Association.objects.get(name="CarciNor").subtitle == "foreningen for personer med nevroendokrin kreft"


def test_seed_formerly_becomes_a_former_name(seeded_directory):
    assert Association.objects.get(name="Neuroendocrine Cancer UK").former_names == "NET Patient Foundation"
    assert Association.objects.get(name="NeuroEndocrine Cancer Australia").former_names == "Unicorn Foundation"


def test_seed_acronyms_are_split_from_the_names(seeded_directory):
    assert Association.objects.get(acronym="MENETS").name == "Middle East Neuroendocrine Tumor Society"
    assert Association.objects.get(acronym="NCAN").name == "Neuroendocrine Cancer Awareness Network"
    assert Association.objects.get(acronym="INCA").name == "International Neuroendocrine Cancer Alliance"


def test_seed_eu_associations_are_multinational_and_serve_the_27_member_states(seeded_directory):
    eu = Association.objects.filter(scope=Scope.MULTINATIONAL)
    assert sorted(eu.values_list("name", flat=True)) == ["Pancreatic Cancer Europe Network", "Sarcoma Patients EuroNet"]
    for association in eu:
        assert not association.country
        assert {country.code for country in association.countries_served} == EU_27


def test_seed_inca_is_worldwide(seeded_directory):
    inca = Association.objects.get(acronym="INCA")
    assert inca.scope == Scope.WORLDWIDE
    assert inca.region.name == "Worldwide"
    assert not inca.country


def test_seed_leaves_contact_details_and_descriptions_empty(seeded_directory):
    assert not Association.objects.exclude(website="").exists()
    assert not Association.objects.exclude(email="").exists()
    assert not Association.objects.exclude(description="").exists()


def test_seed_creates_the_directory_page_in_the_menu(seeded_directory, home_page):
    page = DirectoryPage.objects.get()
    assert page.title == "Patient associations"
    assert page.live and page.show_in_menus
    assert page.search_description
    assert page.get_parent().pk == home_page.pk


def test_seed_loader_is_idempotent_and_reports_each_change(home_page):
    first, second = [], []
    directory_content.load(home_page, first.append)
    directory_content.load(home_page, second.append)
    assert len(first) == 5 + 41 + 1
    assert second == []
    assert Association.objects.count() == 41


def test_seed_associations_have_a_revision_for_their_history(seeded_directory):
    association = Association.objects.get(name="LuCE")
    assert association.revisions.count() == 1
    assert association.live_revision_id is not None
