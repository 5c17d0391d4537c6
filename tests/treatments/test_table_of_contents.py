import re

import pytest

from treatments.models import unique_anchors

from .conftest import section

pytestmark = pytest.mark.django_db


def test_repeated_headings_get_numbered_anchors():
    assert unique_anchors(["Symptoms", "Symptoms", "Symptoms!", "Outlook"]) == [
        "symptoms",
        "symptoms-2",
        "symptoms-3",
        "outlook",
    ]


def test_headings_without_letters_still_get_an_anchor():
    assert unique_anchors(["???", "!!!"]) == ["section", "section-2"]


def test_a_heading_never_takes_an_id_the_page_template_uses():
    assert unique_anchors(["Sources", "On this page"]) == ["sources-2", "on-this-page-2"]


def test_table_of_contents_links_every_section_to_a_unique_anchor(client, condition_page):
    condition_page.body = [
        section("Symptoms"),
        {"type": "paragraph", "value": "<p>Between the sections.</p>"},
        section("Symptoms"),
        section("Sources"),
        section("Outlook"),
    ]
    condition_page.save_revision().publish()
    html = client.get(condition_page.url).content.decode()

    toc = html[html.index('<nav class="toc"') : html.index("</nav>", html.index('<nav class="toc"'))]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', toc)
    assert links == [
        ("symptoms", "Symptoms"),
        ("symptoms-2", "Symptoms"),
        ("sources-2", "Sources"),
        ("outlook", "Outlook"),
    ]
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "every id on the page is unique"
    for anchor, heading in links:
        assert f'<h2 id="{anchor}">{heading}</h2>' in html


def test_a_page_with_one_section_needs_no_table_of_contents(client, condition_page):
    condition_page.body = [section("Only one")]
    condition_page.save_revision().publish()
    html = client.get(condition_page.url).content.decode()
    assert "On this page" not in html
