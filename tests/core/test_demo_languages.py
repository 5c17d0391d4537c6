"""The demo content in every language: English addresses unchanged, translated pages free of English
interface text, site search in the visitor's language. One load of the demo content per test."""

import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from xml.etree import ElementTree

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Addresses that are not pages in the sitemap but answered 200 before languages came.
OTHER_ENGLISH_URLS = [
    "/search/?q=prrt",
    "/suggest/association/",
    "/suggest/correction/carpa/",
    "/suggest/thank-you/",
    "/patient-associations/?q=Deutschland",
    "/patient-associations/country-suggestions/?q=deu",
    "/robots.txt",
    "/sitemap.xml",
    "/healthz",
]
# Interface strings that are the same word in a translation too, or names: not evidence of English.
SAME_IN_OTHER_LANGUAGES = {"NET", "PRRT", "CUP", "OK", "E-Mail", "Email", "Website", "Lutathera"}


@pytest.fixture
def demo(db, search_index, every_language):
    call_command("load_portal_content", stdout=StringIO())


class VisibleText(HTMLParser):
    """Text a visitor reads: outside <script>, <style>, <head> and the language switcher."""

    SKIPPED = {"script", "style", "head", "title", "template"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.chunks = []
        self.in_switcher = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.depth += 1
        if tag == "details" and ("class", "language-switcher") in attrs:
            self.in_switcher += 1

    def handle_endtag(self, tag):
        if tag in self.SKIPPED:
            self.depth -= 1
        if tag == "details" and self.in_switcher:
            self.in_switcher -= 1

    def handle_data(self, data):
        if not self.depth and not self.in_switcher and data.strip():
            self.chunks.append(data.strip())


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.chunks


def english_interface_strings():
    """Every interface string in English (the catalogue's msgids) of three words or more, or a
    single capitalised word, minus those a translation legitimately keeps."""
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/de/LC_MESSAGES/django.po"))
    strings = set()
    for entry in catalogue:
        text = re.sub(r"%\(\w+\)s|\{\{.*?\}\}|<[^>]+>", "", entry.msgid).strip(" :.")
        if text and text not in SAME_IN_OTHER_LANGUAGES and (len(text.split()) >= 3 or text.istitle()):
            strings.add(text)
    return strings


def test_every_english_address_from_before_still_answers(client, demo):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    locations = [url.find("s:loc", SITEMAP_NS).text for url in root.findall("s:url", SITEMAP_NS)]
    english = [location.split("://", 1)[1].split("/", 1)[1] for location in locations]
    english = ["/" + path for path in english if not re.match(r"(de|fr|es|it|nl|pt|ar)/", path)]
    assert len(english) > 50  # pages, regions, countries and associations
    for path in english + OTHER_ENGLISH_URLS:
        response = client.get(path)
        assert response.status_code == 200, path
        if response["Content-Type"].startswith("text/html"):
            assert '<html lang="en" dir="ltr">' in response.content.decode(), path


def test_translated_home_and_directory_show_no_english_interface_text(client, demo):
    english = english_interface_strings()
    for code in OTHER_LANGUAGES:
        with translation.override(code):
            translated_away = {text for text in english if translation.gettext(text) != text}
        for path in (f"/{code}/", f"/{code}/patient-associations/"):
            html = client.get(path).content.decode()
            found = [chunk for chunk in visible_text(html) if chunk.strip(" :.") in english]
            # A chunk equal to an English interface string is English only if the language translates it.
            untranslated = [chunk for chunk in found if chunk.strip(" :.") in translated_away]
            assert untranslated == [], f"{path}: {untranslated}"


def test_the_check_above_finds_english_where_there_is_some(client, demo):
    """The check above can fail: on the English home page it finds the interface strings."""
    english = english_interface_strings()
    found = [chunk for chunk in visible_text(client.get("/").content.decode()) if chunk.strip(" :.") in english]
    assert "Skip to main content" in found and "Search" in found


def test_site_search_finds_pages_in_the_visitors_language_first(client, demo):
    html = client.get("/de/search/", {"q": "Patientenorganisation"}).content.decode()
    results = re.findall(r'<a href="(/[^"]*)"[^>]*>', html.split('id="main"')[1])
    assert "/de/patient-associations/" in results
    assert not any(url.startswith(("/fr/", "/es/")) for url in results)
    # An English word finds the German visitor the German tree's page (still in English there).
    english_word = client.get("/de/search/", {"q": "Lutathera"}).content.decode().split('id="main"')[1]
    assert 'href="/de/treatments/prrt/"' in english_word
    assert 'href="/treatments/prrt/"' not in english_word
    # The English search is as before: English pages only.
    english = client.get("/search/", {"q": "Lutathera"}).content.decode().split('id="main"')[1]
    assert 'href="/treatments/prrt/"' in english and "/de/" not in english


def test_search_without_results_helps_in_the_visitors_language(client, demo):
    html = client.get("/fr/search/", {"q": "xyzzy"}).content.decode()
    with translation.override("fr"):
        expected = translation.gettext("Search")
    assert expected != "Search" and expected in html
    assert "No results" not in html


def test_country_search_understands_every_language_in_every_interface(client, demo):
    for path in ("/patient-associations/", "/de/patient-associations/", "/ar/patient-associations/"):
        for query in ("Deutschland", "Allemagne", "Germany"):
            html = client.get(path, {"q": query}).content.decode()
            assert "/country/deu/" in html, (path, query)


def test_directory_labels_are_in_the_visitors_language(client, demo):
    html = client.get("/de/patient-associations/").content.decode()
    assert ">Europa<" in html and ">Nordamerika<" in html  # region names
    country = client.get("/de/patient-associations/country/deu/").content.decode()
    assert "Deutschland" in country  # django-countries' German name
    french = client.get("/fr/patient-associations/country/deu/").content.decode()
    assert "Allemagne" in french


def test_what_staff_entered_is_marked_as_english_under_other_interfaces(client, demo):
    card = client.get("/de/patient-associations/").content.decode()
    assert '<p lang="en">' in card.split('class="card association"')[1]
    detail = client.get("/de/patient-associations/carcinor/").content.decode()
    assert '<div class="prose" lang="en">' in detail
    english = client.get("/patient-associations/carcinor/").content.decode()
    assert '<div class="prose">' in english


def test_the_contact_form_speaks_the_visitors_language(client, demo):
    html = client.get("/fr/contact/").content.decode()
    with translation.override("fr"):
        assert translation.gettext("Your message") in html
    assert "Your message" not in html
