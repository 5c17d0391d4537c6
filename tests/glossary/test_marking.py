"""Approved glossary terms are linked at their first use in a health page's body text, and only there."""

import re

import pytest

from glossary.marking import Glossary, Term, mark_terms

from .conftest import make_term, section

pytestmark = pytest.mark.django_db


def term(name, *others, definition="A definition.", expansion=""):
    return Term(
        term=name, anchor=f"term-{name.lower()}", spellings=(name, *others), definition=definition, expansion=expansion
    )


GLOSSARY = Glossary(
    url="/glossary/",
    terms=(
        term("Neuroendocrine tumour", "neuroendocrine tumours", "NET", "NETs", expansion="Neuroendocrine tumour"),
        term("PRRT", "Peptide receptor radionuclide therapy", expansion="Peptide receptor radionuclide therapy"),
    ),
)


def links(markup):
    return re.findall(r'<a class="glossary-term" href="([^"]+)"', markup)


def test_the_first_use_of_a_term_links_to_its_glossary_entry():
    marked = mark_terms("<p>NETs are rare. NETs often release hormones.</p>", GLOSSARY)
    assert links(marked) == ["/glossary/#term-neuroendocrine tumour"]
    assert marked.count("NETs") == 2
    assert "</a> are rare. NETs often release hormones.</p>" in marked


def test_matching_ignores_case_and_uses_other_spellings_such_as_plurals():
    marked = mark_terms("<p>Most neuroendocrine TUMOURS grow slowly; prrt is one treatment.</p>", GLOSSARY)
    assert len(links(marked)) == 2
    assert ">neuroendocrine TUMOURS<" in marked
    assert ">prrt<" in marked


def test_only_whole_words_match():
    marked = mark_terms("<p>The network, a subnet, NET-like cells and Cancer.Net are not terms.</p>", GLOSSARY)
    assert links(marked) == []


def test_a_term_is_marked_once_across_all_blocks_of_the_body():
    body = "<section><p>PRRT is a treatment.</p></section><section><p>After PRRT, rest.</p></section>"
    marked = mark_terms(body, GLOSSARY)
    assert len(links(marked)) == 1
    assert "<p>After PRRT, rest.</p>" in marked


@pytest.mark.parametrize(
    "markup",
    [
        "<h2>NETs</h2>",
        "<h3>What NETs are</h3>",
        '<p><a href="/elsewhere/">NETs</a></p>',
        '<p><abbr title="neuroendocrine tumours">NETs</abbr></p>',
        "<p><strong>NETs</strong> and <em>PRRT</em></p>",
        "<ul><li><code>NET</code></li></ul>",
    ],
)
def test_headings_links_and_existing_markup_are_never_marked(markup):
    assert mark_terms(markup, GLOSSARY) == markup  # not even the hint is added


def test_a_term_in_a_heading_is_still_marked_in_the_text_after_it():
    marked = mark_terms("<h2>About NETs</h2><p>NETs are rare.</p>", GLOSSARY)
    assert marked.startswith('<h2>About NETs</h2><p><a class="glossary-term"')


def test_an_abbreviation_is_marked_with_its_written_out_form():
    marked = mark_terms("<p>NETs are rare.</p>", GLOSSARY)
    assert '<abbr title="Neuroendocrine tumour">NETs</abbr>' in marked
    written_out = mark_terms("<p>A neuroendocrine tumour is rare.</p>", GLOSSARY)
    assert "<abbr" not in written_out


def test_the_link_is_named_by_the_word_and_described_as_a_glossary_term():
    marked = mark_terms("<p>PRRT helps.</p>", GLOSSARY)
    assert 'aria-describedby="glossary-term-hint" data-glossary-definition="A definition."' in marked
    assert '">PRRT</abbr></a> helps.</p>' in marked
    assert marked.endswith('<p id="glossary-term-hint" hidden>Glossary term: opens its plain-language definition.</p>')


def test_text_with_entities_keeps_them_escaped():
    marked = mark_terms("<p>PRRT &amp; NETs &lt;script&gt;</p>", GLOSSARY)
    assert "&amp;" in marked and "&lt;script&gt;" in marked
    assert "<script>" not in marked


def test_nothing_is_marked_without_a_live_glossary_page():
    assert mark_terms("<p>PRRT</p>", Glossary(url="", terms=GLOSSARY.terms)) == "<p>PRRT</p>"


def test_health_pages_link_approved_terms_to_the_glossary(client, glossary_page, health_page):
    make_term("Neuroendocrine tumour", "Rare cancers.", other_spellings="neuroendocrine tumors, NETs, NET")
    health_page.body = [section("What NETs are", "<p>Neuroendocrine tumors (NETs) are rare cancers.</p>")]
    health_page.save_revision().publish()

    html = client.get(health_page.url).content.decode()

    assert '<h2 id="what-nets-are">What NETs are</h2>' in html
    assert (
        '<a class="glossary-term" href="/glossary/#term-neuroendocrine-tumour" aria-describedby="glossary-term-hint" '
        'data-glossary-definition="Rare cancers."' in html
    )
    assert html.count('class="glossary-term"') == 1
    assert "js/glossary" in html


def test_editors_can_switch_marking_off_for_a_page(client, glossary_page, health_page):
    make_term("Neuroendocrine tumour", other_spellings="NETs")
    health_page.body = [section("About", "<p>NETs are rare cancers.</p>")]
    health_page.glossary_marking = False
    health_page.save_revision().publish()

    html = client.get(health_page.url).content.decode()

    assert "<p>NETs are rare cancers.</p>" in html
    assert 'class="glossary-term"' not in html
