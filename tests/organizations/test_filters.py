"""Optional filters on the directory and country pages: language, support offered, NET-specific only.
Plain GET parameters: they work without JavaScript and narrow the country search without changing it."""

import pytest

from organizations.models import Scope
from tests.factories import AssociationFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = "/patient-associations/"


@pytest.fixture
def groups(directory_page):
    europe = RegionFactory(name="Europe", slug="europe", sort_order=10)
    america = RegionFactory(name="North America", slug="north-america", sort_order=20)
    return {
        "german_nets": AssociationFactory(
            name="Deutsche NET Gruppe", country="DE", region=europe, languages="de", support="helpline", focus="nets"
        ),
        "german_cancer": AssociationFactory(
            name="Deutsche Krebshilfe Gruppe",
            country="DE",
            region=europe,
            languages="de en",
            support="information",
            focus="general",
        ),
        "french_nets": AssociationFactory(
            name="Groupe NET France", country="FR", region=europe, languages="fr", support="helpline", focus="nets"
        ),
        "european": AssociationFactory(
            name="European NET Network",
            scope=Scope.MULTINATIONAL,
            country="",
            countries_served=["DE", "FR"],
            region=europe,
            languages="en de",
            support="advocacy",
            focus="nets_and_other",
        ),
        "american": AssociationFactory(
            name="American NET Group", country="US", region=america, languages="en", support="meetings", focus="nets"
        ),
        "unknown": AssociationFactory(name="Quiet Verein", country="DE", region=europe),
    }


def listed(response, key="browse_results"):
    return sorted(association.name for association in response.context[key])


def test_without_filters_everything_is_listed(client, groups):
    assert len(listed(client.get(URL))) == 6


def test_language_filter_alone(client, groups):
    assert listed(client.get(URL, {"language": "de"})) == [
        "Deutsche Krebshilfe Gruppe",
        "Deutsche NET Gruppe",
        "European NET Network",
    ]


def test_a_language_code_is_matched_whole_not_inside_another(client, groups):
    AssociationFactory(name="Dean group", country="DE", region=groups["unknown"].region, languages="en")
    assert "Dean group" not in listed(client.get(URL, {"language": "de"}))


def test_support_filter_alone(client, groups):
    assert listed(client.get(URL, {"support": "helpline"})) == ["Deutsche NET Gruppe", "Groupe NET France"]


def test_net_specific_filter_alone(client, groups):
    assert listed(client.get(URL, {"nets": "1"})) == ["American NET Group", "Deutsche NET Gruppe", "Groupe NET France"]


def test_filters_combine(client, groups):
    assert listed(client.get(URL, {"language": "de", "nets": "1"})) == ["Deutsche NET Gruppe"]
    assert listed(client.get(URL, {"language": "en", "support": "meetings"})) == ["American NET Group"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"language": "de"}, ["Deutsche Krebshilfe Gruppe", "Deutsche NET Gruppe", "European NET Network"]),
        ({"support": "helpline"}, ["Deutsche NET Gruppe"]),
        ({"nets": "1"}, ["Deutsche NET Gruppe"]),
        ({"language": "en"}, ["Deutsche Krebshilfe Gruppe", "European NET Network"]),
    ],
)
def test_each_filter_combined_with_a_country_search(client, groups, filters, expected):
    response = client.get(URL, {"q": "Deutschland", **filters})
    assert listed(response, "results") == expected
    # national first, then the associations that serve the country: the search's order is kept
    names = [association.name for association in response.context["results"]]
    if "European NET Network" in names:
        assert names[-1] == "European NET Network"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Deutsche Krebshilfe Gruppe", "Deutsche NET Gruppe", "European NET Network", "Quiet Verein"]),
        ({"language": "de"}, ["Deutsche Krebshilfe Gruppe", "Deutsche NET Gruppe", "European NET Network"]),
        ({"support": "advocacy"}, ["European NET Network"]),
        ({"nets": "1"}, ["Deutsche NET Gruppe"]),
        ({"nets": "1", "support": "information"}, []),
    ],
)
def test_filters_on_the_country_page(client, groups, filters, expected):
    response = client.get(f"{URL}country/deu/", filters)
    assert response.status_code == 200
    assert listed(response, "results") == expected


def test_a_filtered_country_page_without_results_says_so_and_makes_no_claim_about_national_groups(client, groups):
    html = client.get(f"{URL}country/deu/", {"nets": "1", "support": "information"}).content.decode()
    assert "No association serving this country matches these filters." in html
    assert "We know of no national patient association" not in html


def test_unknown_filter_values_are_ignored(client, groups):
    assert len(listed(client.get(URL, {"language": "xx", "support": "therapy", "nets": "yes"}))) == 6


def test_the_filter_forms_are_plain_get_forms_offering_the_languages_spoken(client, groups):
    html = client.get(URL).content.decode()
    form = html[html.index('<form class="directory-search"') : html.index("</form>", html.index("directory-search"))]
    assert 'method="get"' in form
    assert '<option value="de" lang="de">Deutsch</option>' in form
    assert '<option value="fr" lang="fr">français</option>' in form
    assert 'name="support"' in form and 'name="nets"' in form
    html = client.get(f"{URL}country/deu/", {"language": "de"}).content.decode()
    assert '<option value="de" lang="de" selected>Deutsch</option>' in html


def test_pagination_keeps_the_filters(client, groups):
    region = groups["unknown"].region
    for number in range(30):
        AssociationFactory(name=f"Filler {number:02}", country="AT", region=region, languages="de")
    html = client.get(URL, {"language": "de"}).content.decode()
    assert "language=de&amp;page=2" in html
    html = client.get(f"{URL}country/aut/", {"language": "de"}).content.decode()
    assert "language=de&amp;page=2" in html


def test_results_are_grouped_under_region_headings_alphabetically(client, groups):
    html = client.get(URL).content.decode()
    europe, america = html.index('class="region-heading">Europe<'), html.index('class="region-heading">North America<')
    assert europe < html.index("Deutsche Krebshilfe Gruppe") < html.index("Quiet Verein") < america
    assert america < html.index("American NET Group")


def test_region_browsing_sits_just_after_the_search_box(client, groups):
    html = client.get(URL).content.decode()
    search_end = html.index("</form>", html.index('<form class="directory-search"'))
    regions = html.index('id="regions-heading"')
    assert search_end < regions < html.index('id="browse-heading"')
