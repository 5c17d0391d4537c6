"""The public A to Z glossary page: letters, an anchor per term, search, print, noindex on searches."""

import pytest

from .conftest import make_term

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    return [
        make_term(
            "PRRT", "Peptide Receptor Radionuclide Therapy.", other_spellings="peptide receptor radionuclide therapy"
        ),
        make_term("Neuroendocrine tumour", "Rare cancers.", other_spellings="NET, NETs"),
        make_term("Compassionate Use Program", "Access to experimental treatments.", other_spellings="CUP"),
        make_term("Hidden draft", "Not approved.", live=False),
    ]


def test_the_glossary_lists_live_terms_from_a_to_z_with_an_anchor_per_letter_and_term(client, glossary_page, terms):
    html = client.get(glossary_page.url).content.decode()

    positions = [
        html.index(f'id="term-{slug}"') for slug in ("compassionate-use-program", "neuroendocrine-tumour", "prrt")
    ]
    assert positions == sorted(positions)
    for letter in "cnp":
        assert f'<h2 id="letter-{letter}">{letter.upper()}</h2>' in html
        assert f'<a href="#letter-{letter}">{letter.upper()}</a>' in html
    assert '<span>A<span class="visually-hidden"> (no terms)</span></span>' in html
    assert "Also written: NET, NETs" in html
    assert "Hidden draft" not in html
    assert '<meta name="robots"' not in html


def test_searching_filters_terms_by_name_spelling_or_definition_and_is_not_indexed(client, glossary_page, terms):
    response = client.get(glossary_page.url, {"q": "cup"})
    html = response.content.decode()
    assert 'id="term-compassionate-use-program"' in html
    assert 'id="term-prrt"' not in html
    assert '<meta name="robots" content="noindex">' in html
    assert "1 term matches “cup”." in html

    by_definition = client.get(glossary_page.url, {"q": "rare cancers"}).content.decode()
    assert 'id="term-neuroendocrine-tumour"' in by_definition


def test_a_search_without_results_says_so(client, glossary_page, terms):
    html = client.get(glossary_page.url, {"q": "nothing like this"}).content.decode()
    assert "No term matches your search." in html


def test_the_glossary_is_printable(client, glossary_page, terms):
    html = client.get(glossary_page.url).content.decode()
    assert 'media="print"' in html
    assert 'class="glossary-search"' in html  # hidden in print by print.css


def test_the_glossary_page_renders_in_a_constant_number_of_queries(
    client, glossary_page, django_assert_max_num_queries
):
    for number in range(30):
        make_term(f"Term {number}")
    client.get(glossary_page.url)
    with django_assert_max_num_queries(4):
        assert client.get(glossary_page.url).status_code == 200
