import pytest

from organizations.country_search import country_lookup, normalize, resolve_country


@pytest.mark.parametrize(
    ("query", "code", "kind"),
    [
        # English names, any case and spacing
        ("Germany", "DE", "name"),
        ("  germany ", "DE", "name"),
        ("United Kingdom", "GB", "name"),
        # Names in other languages Django ships translations for
        ("Deutschland", "DE", "name"),
        ("Allemagne", "DE", "name"),
        ("Alemania", "DE", "name"),
        ("Niemcy", "DE", "name"),
        ("Schweiz", "CH", "name"),
        ("Suisse", "CH", "name"),
        ("Sverige", "SE", "name"),
        ("Österreich", "AT", "name"),
        ("Espana", "ES", "name"),
        ("Россия", "RU", "name"),
        ("日本", "JP", "name"),
        ("Nederland", "NL", "alias"),
        ("België", "BE", "name"),
        ("Belgique", "BE", "name"),
        ("Danmark", "DK", "name"),
        ("Norge", "NO", "name"),
        ("Suomi", "FI", "name"),
        ("Irlanda", "IE", "name"),
        ("Estados Unidos", "US", "name"),
        ("Vereinigtes Königreich", "GB", "name"),
        # The first words of a long official name, when only one country has them
        ("Etats-Unis", "US", "name"),
        ("États-Unis", "US", "name"),
        ("Vereinigte Staaten", "US", "name"),
        ("Stati Uniti", "US", "name"),
        ("Czech", "CZ", "name"),
        ("Bosnia", "BA", "name"),
        # ISO codes
        ("de", "DE", "code"),
        ("DE", "DE", "code"),
        ("DEU", "DE", "code"),
        ("gbr", "GB", "code"),
        ("nl", "NL", "code"),
        ("NLD", "NL", "code"),
        ("che", "CH", "code"),
        (" DE ", "DE", "code"),
        ("usa", "US", "alias"),
        # Aliases and common names
        ("UK", "GB", "alias"),
        ("Great Britain", "GB", "alias"),
        ("England", "GB", "alias"),
        ("USA", "US", "alias"),
        ("U.S.A.", "US", "alias"),
        ("United States", "US", "alias"),
        ("Holland", "NL", "alias"),
        ("Czechia", "CZ", "name"),
        ("Czech Republic", "CZ", "alias"),
        ("Korea", "KR", "alias"),
        ("Burma", "MM", "alias"),
        ("u.k.", "GB", "alias"),
        ("Britain", "GB", "alias"),
        ("Grande-Bretagne", "GB", "alias"),
        ("Großbritannien", "GB", "alias"),
        ("Éire", "IE", "alias"),
        ("the netherlands", "NL", "alias"),
        ("Ivory Coast", "CI", "alias"),
        # Small typos
        ("Germny", "DE", "typo"),
        ("Gremany", "DE", "typo"),
        ("Frnace", "FR", "typo"),
        ("Switzerlnd", "CH", "typo"),
        ("Deutchland", "DE", "typo"),
        ("Swizterland", "CH", "typo"),
        ("Nethrlands", "NL", "typo"),
        ("Belgum", "BE", "typo"),
        ("Austira", "AT", "typo"),
        ("Itlay", "IT", "typo"),
    ],
)
def test_country_search_resolves(query, code, kind):
    match = resolve_country(query)
    assert match is not None, query
    assert (match.code, match.kind) == (code, kind)


@pytest.mark.parametrize(
    "query",
    ["", "   ", "zzzz", "x" * 2000, "'; DROP TABLE organizations_association; --", "<script>alert(1)</script>", "NET"],
)
def test_country_search_finds_no_country_for_nonsense(query):
    assert resolve_country(query) is None


def test_country_search_refuses_to_guess_an_ambiguous_typo():
    # One edit from both Austria and Australia: better no answer than the wrong country.
    assert resolve_country("Austrlia") is None


@pytest.mark.parametrize("query", ["South", "Saint", "United", "Republic", "New", "Holand"])
def test_words_shared_by_several_countries_resolve_to_none(query):
    # "Holand" is one letter from both Holland and Poland.
    assert resolve_country(query) is None


def test_normalize_drops_accents_case_and_punctuation():
    assert normalize("  Côte d'Ivoire!! ") == "cote d ivoire"


def test_country_lookup_is_built_once_per_process():
    assert country_lookup() is country_lookup()


def test_suggestions_complete_names_in_other_languages_to_english():
    assert country_lookup().suggest("Deutsch") == [("DE", "Germany")]
    assert ("CH", "Switzerland") in country_lookup().suggest("swi")
