import csv
import io
import json

import pytest

from netportal.core.models import HomePage, StandardPage
from organizations.models import Association, DirectoryPage, Scope
from tests.factories import AssociationFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = "/patient-associations/"


def names(results):
    return [association.name for association in results]


def test_country_search_lists_national_before_multinational(client, directory_page):
    europe = RegionFactory(name="Europe", slug="europe")
    worldwide = AssociationFactory(name="All the world", scope=Scope.WORLDWIDE, country="", region=europe)
    multinational = AssociationFactory(
        name="A European network", scope=Scope.MULTINATIONAL, country="", countries_served=["DE", "FR"], region=europe
    )
    germany = AssociationFactory(name="Zebra Verein", country="DE", region=europe)
    response = client.get(URL, {"q": "Deutschland"})
    assert response.status_code == 200
    assert list(response.context["results"]) == [germany, multinational, worldwide]
    html = response.content.decode()
    assert html.index("Zebra Verein") < html.index("A European network") < html.index("All the world")
    assert "Based in Germany" in html
    assert "National association" not in html
    assert "Multinational association that serves Germany" in html
    assert "Worldwide association" in html


def test_each_result_card_shows_its_own_country_once_looked_up(client, directory_page):
    europe = RegionFactory(name="Europe", slug="europe")
    AssociationFactory(name="Zebra Verein", country="DE", region=europe)
    AssociationFactory(name="Anderer Verein", country="DE", region=europe)
    AssociationFactory(name="Club de France", country="FR", region=europe)
    AssociationFactory(name="All the world", scope=Scope.WORLDWIDE, country="", region=europe)
    response = client.get(URL, {"q": "Deutschland"})
    associations = {association.name: association for association in response.context["results"]}
    assert (associations["Zebra Verein"].country_name, associations["Zebra Verein"].country_flag) == (
        "Germany",
        "/static/flags/de.svg",
    )
    assert associations["All the world"].country_name == ""
    html = client.get(URL).content.decode()
    flag = '<img class="flag" src="/static/flags/{}.svg" alt="" width="20" height="15"> '
    assert html.count(flag.format("de") + 'Based in Germany<span class="meta"> · Europe') == 2
    assert flag.format("fr") + 'Based in France<span class="meta"> · Europe' in html
    assert "All the world</a></h4>" in html  # cards under the region's heading
    assert 'src=""' not in html


GERMANY_RESULTS = [
    "Netzwerk Neuroendokrine Tumoren (NeT) e.V.",
    "Pancreatic Cancer Europe Network",
    "Sarcoma Patients EuroNet",
    "International Neuroendocrine Cancer Alliance",
]
# One of each kind: English, other languages, alpha-2 and alpha-3 codes, a typo.
GERMANY_QUERIES = ["germany", "Deutschland", "Allemagne", "Alemania", "de", "DEU", "Germny"]
NATIONAL_FIRST = [
    ("UK", "Neuroendocrine Cancer UK"),
    ("Great Britain", "Neuroendocrine Cancer UK"),
    ("USA", "LACNETS"),
    ("Holland", "Stichting NET-groep"),
    ("Czechia", "Kooperativní skupina pro neuroendokrinní nádory"),
    ("Czech Republic", "Kooperativní skupina pro neuroendokrinní nádory"),
    ("Schweiz", "LuCE"),
    ("Brasil", "Instituto Espaco de Vida"),
    ("Frnace", "Association des Patients porteurs de Tumeurs Endocrines Diverses"),
    ("Etats-Unis", "LACNETS"),
    ("Éire", "NET Patient Network"),
    ("Japón", "NPO PanCAN Japan"),
]


def test_every_way_of_naming_germany_finds_its_associations(client, seeded_directory):
    for query in GERMANY_QUERIES:
        response = client.get(URL, {"q": query})
        assert response.context["country"].code == "DE", query
        assert names(response.context["results"]) == GERMANY_RESULTS, query


def test_aliases_and_other_languages_find_the_national_association_first(client, seeded_directory):
    for query, expected in NATIONAL_FIRST:
        assert names(client.get(URL, {"q": query}).context["results"])[0] == expected, query


def test_a_country_without_a_national_association_says_so_and_lists_who_serves_it(client, seeded_directory):
    response = client.get(URL, {"q": "Polska"})
    html = response.content.decode()
    assert "We know of no national patient association in Poland." in html
    assert names(response.context["results"]) == [
        "Pancreatic Cancer Europe Network",
        "Sarcoma Patients EuroNet",
        "International Neuroendocrine Cancer Alliance",
    ]


def test_name_search_finds_an_association_and_another_by_its_former_name(client, seeded_directory):
    response = client.get(URL, {"q": "NET Patient Foundation"})
    assert response.status_code == 200
    assert "country" not in response.context
    assert set(names(response.context["name_matches"])) == {"NET Patient Foundation", "Neuroendocrine Cancer UK"}


def test_acronym_search_finds_the_association(client, seeded_directory):
    response = client.get(URL, {"q": "menets"})
    assert names(response.context["name_matches"]) == ["Middle East Neuroendocrine Tumor Society"]


NONSENSE_QUERIES = [
    "zzzz",
    "x" * 2000,
    "' OR 1=1; DROP TABLE organizations_association; --",
    '"><script>alert(1)</script>',
    "<b>bold</b> & more",
    "%",
    "\u0000zz",
]


@pytest.mark.parametrize("query", ["", "   ", "\t"])
def test_empty_query_shows_the_whole_directory_and_how_to_search(client, seeded_directory, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert response.context["browse_results"].paginator.count == 41
    html = response.content.decode()
    assert "For example “Germany”, “Deutschland”, “DE” or “NET Patient Network”." in html
    assert "Browse by region" in html


@pytest.mark.parametrize("query", ["", "zzzz", "x" * 2000, "<script>alert(1)</script>", "'; DROP TABLE x; --"])
def test_country_suggestions_answer_any_query_with_json(client, seeded_directory, query):
    response = client.get(f"{URL}country-suggestions/", {"q": query})
    assert response.status_code == 200
    assert response.json()["suggestions"] == []


def test_nonsense_queries_answer_helpfully_and_escaped(client, seeded_directory):
    for query in NONSENSE_QUERIES:
        response = client.get(URL, {"q": query})
        assert response.status_code == 200, query
        html = response.content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "<b>bold</b>" not in html
        assert "We could not find a country or an association called" in html, query
        assert "two- or three-letter code" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(URL, {"q": NONSENSE_QUERIES[3]}).content.decode()
    assert Association.objects.count() == 41


def test_search_results_are_not_indexed_but_the_directory_is(client, seeded_directory):
    assert '<meta name="robots" content="noindex">' in client.get(URL, {"q": "France"}).content.decode()
    assert '<meta name="robots" content="noindex">' in client.get(URL, {"scope": "national"}).content.decode()
    assert 'name="robots"' not in client.get(URL).content.decode()


def test_the_search_url_is_shareable_and_works_without_javascript(client, seeded_directory):
    html = client.get(URL, {"q": "France"}).content.decode()
    assert 'method="get"' in html
    assert 'name="q" value="France"' in html
    assert "Association des Patients porteurs de Tumeurs Endocrines Diverses" in html
    assert "<script>" not in html and "onclick" not in html and "style=" not in html


def test_browse_by_region_and_filter_by_scope(client, seeded_directory):
    response = client.get(URL, {"region": "south-america"})
    assert names(response.context["browse_results"]) == [
        "Instituto Espaco de Vida",
        "Neuroendocrine Tumors Patients Association",
    ]
    response = client.get(URL, {"scope": "multinational"})
    assert names(response.context["browse_results"]) == ["Pancreatic Cancer Europe Network", "Sarcoma Patients EuroNet"]


def test_directory_paginates_long_lists(client, seeded_directory):
    first = client.get(URL)
    assert len(first.context["browse_results"]) == 25
    second = client.get(URL, {"page": 2})
    assert len(second.context["browse_results"]) == 16
    assert "Page 2 of 2" in second.content.decode()
    assert client.get(URL, {"page": "nonsense"}).status_code == 200


def test_region_page_lists_its_associations(client, seeded_directory):
    response = client.get(f"{URL}region/north-america/")
    assert response.status_code == 200
    assert len(response.context["results"]) == 10
    assert client.get(f"{URL}region/atlantis/").status_code == 404


def test_country_page_lists_national_then_serving_associations(client, seeded_directory):
    response = client.get(f"{URL}country/deu/")
    assert response.status_code == 200
    assert names(response.context["results"])[0] == "Netzwerk Neuroendokrine Tumoren (NeT) e.V."
    assert client.get(f"{URL}country/de/").status_code == 200
    assert client.get(f"{URL}country/xyz/").status_code == 404


def test_association_page_shows_its_details_and_no_invented_contacts(client, seeded_directory):
    # An association the facts file has nothing on: no contact is invented.
    response = client.get(f"{URL}net-patient-foundation/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "NET Patient Foundation" in html
    assert "We have no confirmed contact details for this association yet." in html
    assert 'href="/patient-associations/country/usa/"' in html
    uk = client.get(f"{URL}neuroendocrine-cancer-uk/").content.decode()
    assert "Neuroendocrine Cancer UK" in uk
    assert "NET Patient Foundation" in uk  # its former name
    assert 'href="/patient-associations/country/gbr/"' in uk


def test_association_get_absolute_url_is_its_detail_page(seeded_directory):
    association = Association.objects.get(name="Carpa")
    assert association.get_absolute_url() == "/patient-associations/carpa/"


def test_drafts_are_never_shown_publicly(client, directory_page):
    draft = AssociationFactory(name="Unpublished Verein", slug="unpublished-verein", live=False, country="DE")
    assert client.get(f"{URL}{draft.slug}/").status_code == 404
    assert "Unpublished Verein" not in client.get(URL, {"q": "Germany"}).content.decode()
    assert "Unpublished Verein" not in client.get(URL).content.decode()
    assert "Unpublished Verein" not in client.get(f"{URL}export/csv/").content.decode()


def test_a_published_staff_edit_shows_at_once(client, seeded_directory):
    association = Association.objects.get(name="LuCE")
    client.get(f"{URL}luce/")
    association.subtitle = "A subtitle staff just checked"
    association.save_revision().publish()
    assert "A subtitle staff just checked" in client.get(f"{URL}luce/").content.decode()


def test_csv_export_lists_published_associations_with_stable_columns(client, seeded_directory):
    response = client.get(f"{URL}export/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == 41
    assert list(rows[0]) == [
        "slug",
        "name",
        "subtitle",
        "former_names",
        "acronym",
        "country",
        "region",
        "scope",
        "countries_served",
        "website",
        "email",
        "languages",
        "description",
        "focus",
        "last_verified",
        "phone",
        "support",
        "status",
    ]
    assert {row["status"] for row in rows} == {"live"}
    czech = next(row for row in rows if row["country"] == "CZE")
    assert czech["name"] == "Kooperativní skupina pro neuroendokrinní nádory"


def test_json_export_lists_published_associations(client, seeded_directory):
    data = json.loads(client.get(f"{URL}export/json/").content.decode("utf-8"))
    assert len(data["associations"]) == 41
    csv_columns = next(csv.reader(io.StringIO(client.get(f"{URL}export/csv/").content.decode("utf-8"))))
    assert all(list(row) == csv_columns for row in data["associations"])
    czech = next(row for row in data["associations"] if row["country"] == "CZE")
    assert czech["name"] == "Kooperativní skupina pro neuroendokrinní nádory"
    inca = next(row for row in data["associations"] if row["acronym"] == "INCA")
    assert inca["scope"] == "worldwide"


def test_country_suggestions_answer_json_for_the_search_box(client, directory_page):
    data = client.get(f"{URL}country-suggestions/", {"q": "Deutsch"}).json()
    assert data["suggestions"] == [{"code": "deu", "name": "Germany", "url": "/patient-associations/country/deu/"}]
    assert client.get(f"{URL}country-suggestions/", {"q": ""}).json()["suggestions"] == []


def test_search_box_loads_the_suggestion_script_and_names_its_datalist(client, directory_page):
    html = client.get(URL).content.decode()
    assert 'src="/static/js/directory-suggestions.js"' in html
    assert 'list="directory-q-suggestions"' in html
    assert '<datalist id="directory-q-suggestions">' in html


def test_home_page_embeds_the_directory_search_box(client, seeded_directory):
    html = client.get("/").content.decode()
    assert 'action="/patient-associations/"' in html
    assert 'id="home-directory-q"' in html


def test_home_page_has_no_directory_box_before_the_directory_exists(client, home_page):
    assert 'id="home-directory-q"' not in client.get("/").content.decode()


def test_the_directory_page_lives_once_under_the_home_page_and_has_no_children(directory_page, home_page):
    assert DirectoryPage.allowed_parent_page_models() == [HomePage]
    assert DirectoryPage.allowed_subpage_models() == []
    assert not DirectoryPage.can_create_at(home_page)
    assert DirectoryPage not in StandardPage.allowed_subpage_models()


def test_public_csv_export_writes_formula_like_cells_as_text_and_json_unchanged(client, seeded_directory):
    """Finding 2: a suggestion accepted into the directory must not run as a spreadsheet formula."""
    luce = Association.objects.get(name="LuCE")
    luce.name = '=HYPERLINK("http://attacker.example","Click")'
    luce.subtitle = "@SUM(1+1)"
    luce.description = "\t-2+3"
    luce.save_revision().publish()
    rows = list(csv.DictReader(io.StringIO(client.get(f"{URL}export/csv/").content.decode("utf-8"))))
    row = next(row for row in rows if row["slug"] == "luce")
    assert row["name"] == '\'=HYPERLINK("http://attacker.example","Click")'
    assert row["subtitle"] == "'@SUM(1+1)"
    assert row["description"] == "'\t-2+3"
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())
    data = json.loads(client.get(f"{URL}export/json/").content.decode("utf-8"))
    item = next(item for item in data["associations"] if item["slug"] == "luce")
    assert item["name"] == '=HYPERLINK("http://attacker.example","Click")'
