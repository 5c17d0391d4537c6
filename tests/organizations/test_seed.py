from collections import Counter
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction

from organizations import content as directory_content
from organizations.models import Association, DirectoryPage, Region, Scope

pytestmark = pytest.mark.django_db

EU_27 = {
    *("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"),
    *("IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"),
}
BEYOND_THE_EU = {"NO", "CH", "GB", "IS", "UA", "RS"}


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


def test_seed_eu_associations_serve_the_countries_of_europe_as_the_directory_reads_the_source(seeded_directory):
    eu = Association.objects.filter(scope=Scope.MULTINATIONAL)
    assert sorted(eu.values_list("name", flat=True)) == ["Pancreatic Cancer Europe Network", "Sarcoma Patients EuroNet"]
    for association in eu:
        assert not association.country
        served = {country.code for country in association.countries_served}
        assert served >= EU_27 | BEYOND_THE_EU
        assert "TR" not in served and "US" not in served
        assert "reads this as serving the countries of Europe" in association.coverage_note


def test_an_earlier_eu_27_reading_is_brought_to_the_european_countries_on_the_next_load(seeded_directory, home_page):
    Association.objects.filter(scope=Scope.MULTINATIONAL).update(countries_served=sorted(EU_27), coverage_note="")
    directory_content.load(home_page, report=lambda message: None)
    for association in Association.objects.filter(scope=Scope.MULTINATIONAL):
        assert {country.code for country in association.countries_served} >= BEYOND_THE_EU
        assert association.coverage_note


def test_net_patient_foundation_usa_is_flagged_for_staff_and_says_nothing_beyond_the_seed(seeded_directory):
    association = Association.objects.get(slug="net-patient-foundation")
    assert association.country == "US"
    assert "former name of Neuroendocrine Cancer UK" in association.verification_note
    assert not association.facts.exists()
    for field in ("website", "email", "phone", "languages", "support", "description", "focus", "subtitle"):
        assert getattr(association, field) == "", field


def test_seed_inca_is_worldwide(seeded_directory):
    inca = Association.objects.get(acronym="INCA")
    assert inca.scope == Scope.WORLDWIDE
    assert inca.region.name == "Worldwide"
    assert not inca.country


def test_seed_sets_no_detail_without_its_evidence(seeded_directory):
    """Contact details and descriptions come only from the facts file, each with its source page."""
    for field in ("website", "email", "phone", "languages", "support", "description", "focus"):
        for association in Association.objects.exclude(**{field: ""}):
            fact = association.facts.get(field=field)
            assert fact.value == getattr(association, field) and fact.source_url and fact.confirmed_on


def test_seed_creates_the_directory_page_in_the_menu(seeded_directory, home_page):
    page = DirectoryPage.objects.get(locale__language_code="en")
    assert page.title == "Patient associations"
    assert page.live and page.show_in_menus
    assert page.search_description
    assert page.get_parent().pk == home_page.pk


def test_seed_loader_is_idempotent_and_reports_each_change(home_page):
    first, second = [], []
    directory_content.load(home_page, first.append)
    directory_content.load(home_page, second.append)
    assert len([message for message in first if message.startswith("created")]) == 5 + 41 + 1
    assert second == []
    assert Association.objects.count() == 41


def test_seed_associations_have_a_revision_for_their_history(seeded_directory):
    association = Association.objects.get(name="LuCE")
    # one from the seed, and one more if the facts file gives it confirmed details
    assert association.revisions.count() == (2 if association.facts.exists() else 1)
    assert association.live_revision_id is not None


# All 41 entries of the seed, read by hand: (region, name, subtitle, former names, acronym, country).
# Country "EU" marks the multinational ones, "" the worldwide one.
ALL_SEED_ASSOCIATIONS = [
    ("Europe", "APOZ & Friends", "", "", "", "BG"),
    ("Europe", "Association des Patients porteurs de Tumeurs Endocrines Diverses", "", "", "", "FR"),
    ("Europe", "CarciNor", "foreningen for personer med nevroendokrin kreft", "", "", "NO"),
    ("Europe", "Carpa", "the carcinoid patient association", "", "", "SE"),
    ("Europe", "Kooperativní skupina pro neuroendokrinní nádory", "", "", "", "CZ"),
    ("Europe", "LuCE", "", "", "", "CH"),
    ("Europe", "Lungeforeningen", "", "", "", "DK"),
    ("Europe", "NET & MEN kanker vzw", "", "", "", "BE"),
    ("Europe", "NET España", "", "", "", "ES"),
    ("Europe", "NET Italy", "", "", "", "IT"),
    ("Europe", "Netpa Danmark", "", "", "", "DK"),
    ("Europe", "NET Patient Network", "", "", "", "IE"),
    ("Europe", "Netzwerk Neuroendokrine Tumoren (NeT) e.V.", "", "", "", "DE"),
    ("Europe", "Neuroendocrine Cancer UK", "", "NET Patient Foundation", "", "GB"),
    ("Europe", "Pancreatic Cancer Europe Network", "", "", "", "EU"),
    ("Europe", "Sarcoma Patients EuroNet", "", "", "", "EU"),
    ("Europe", "Selbsthilfegruppe Pankreaskarzinom", "", "", "", "AT"),
    ("Europe", "Stichting NET-groep", "", "", "", "NL"),
    ("Europe", "Talk Blue Flanders", "", "", "", "BE"),
    ("North America", "Carcinoid-Neuroendocrine Tumour Society", "", "", "", "CA"),
    ("North America", "LACNETS", "", "", "", "US"),
    ("North America", "NET Patient Foundation", "", "", "", "US"),
    ("North America", "Neuroendocrine Cancer Awareness Network", "", "", "NCAN", "US"),
    ("North America", "NorCal CarciNET Community", "", "", "", "US"),
    ("North America", "Pancreatic Cancer Action Network", "", "", "", "US"),
    ("North America", "The Carcinoid Cancer Foundation", "", "", "", "US"),
    ("North America", "The Lois Merrill Foundation", "", "", "", "US"),
    ("North America", "The Patients Project", "", "", "", "US"),
    ("North America", "Walking with Jane", "", "", "", "US"),
    ("Asia & Asia Pacific", "Afghan Society Against Cancer", "", "", "", "AF"),
    ("Asia & Asia Pacific", "Carcinoid & Neuroendocrine Tumor Society Singapore", "", "", "", "SG"),
    ("Asia & Asia Pacific", "CNETS India", "", "", "", "IN"),
    ("Asia & Asia Pacific", "Carcinoid and Neuroendocrine Tumour Society India", "", "", "", "IN"),
    ("Asia & Asia Pacific", "Israel Cancer Association", "", "", "", "IL"),
    ("Asia & Asia Pacific", "NeuroEndocrine Cancer Australia", "", "Unicorn Foundation", "", "AU"),
    ("Asia & Asia Pacific", "Middle East Neuroendocrine Tumor Society", "", "", "MENETS", "IL"),
    ("Asia & Asia Pacific", "NPO PanCAN Japan", "", "", "", "JP"),
    ("Asia & Asia Pacific", "The Hope Society for Cancer Care", "", "", "", "TW"),
    ("South America", "Instituto Espaco de Vida", "", "", "", "BR"),
    ("South America", "Neuroendocrine Tumors Patients Association", "", "", "", "CO"),
    ("Worldwide", "International Neuroendocrine Cancer Alliance", "", "", "INCA", ""),
]


def test_every_seed_association_has_exactly_the_seeds_fields(seeded_directory):
    loaded = sorted(
        (
            association.region.name,
            association.name,
            association.subtitle,
            association.former_names,
            association.acronym,
            "EU" if association.scope == Scope.MULTINATIONAL else association.country.code or "",
        )
        for association in Association.objects.select_related("region")
    )
    assert loaded == sorted(ALL_SEED_ASSOCIATIONS)
    for region, name, _subtitle, _former, _acronym, country in ALL_SEED_ASSOCIATIONS:
        scope = {"EU": Scope.MULTINATIONAL, "": Scope.WORLDWIDE}.get(country, Scope.NATIONAL)
        assert Association.objects.get(name=name, region__name=region).scope == scope, name


# A verbatim copy of the source document (shared/seed/000_073fb3d7a7d3985b.txt), kept with the tests.
SEED_FILE = Path(__file__).resolve().parents[1] / "data" / "seed.txt"


def test_the_loaders_copy_of_the_directory_is_the_seed_documents_text():
    def plain(text):
        return " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())

    regions = ("Europe:", "North America:", "Asia & Asia Pacific:", "South America:", "Worldwide:")
    lines = [plain(line) for line in SEED_FILE.read_text(encoding="utf-8").splitlines() if line.startswith(regions)]
    assert lines == [plain(line) for line in directory_content.SEED_DIRECTORY]


def test_a_national_association_without_a_country_is_refused_by_the_database(seeded_directory):
    region = Region.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Association.objects.create(name="Nowhere", slug="nowhere", scope=Scope.NATIONAL, country="", region=region)
    Association.objects.create(name="Everywhere", slug="everywhere", scope=Scope.WORLDWIDE, country="", region=region)


def test_two_associations_cannot_share_a_slug(seeded_directory):
    region = Region.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Association.objects.create(name="Another LuCE", slug="luce", country="CH", region=region)
