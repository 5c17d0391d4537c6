"""Languages: addresses, switcher, hreflang, lang/dir, the notice on untranslated pages, per-language caching."""

import re
from xml.etree import ElementTree

import pytest
from django.conf import settings
from wagtail.models import Locale, Page

from netportal.core import languages
from tests.factories import DirectoryPageFactory, StandardPageFactory
from tests.performance.conftest import use_cache_backend

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def site_in_every_language(home_page, every_language):
    """A small site and its mirror in every language, as load_portal_content makes them."""
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    DirectoryPageFactory(parent=home_page)
    languages.load_language_trees(home_page, report=lambda message: None)
    return home_page, about


def translate(page, code, title):
    """A translation of `page` with its own text, as wagtail-localize makes one (not an alias)."""
    locale = Locale.objects.get(language_code=code)
    alias = page.get_translation(locale)
    translated = page.copy_for_translation(locale, copy_parents=True) if alias is None else None
    if translated is None:
        # Replace the alias with a real translation, as converting it in wagtail-localize does.
        alias = alias.specific
        alias.alias_of = None
        alias.title = title
        alias.save()
        alias.save_revision().publish()
        return alias
    translated.title = title
    translated.save_revision().publish()
    return translated


def visible_attr(html, tag):
    return re.search(rf"<{tag}\b[^>]*>", html).group(0)


def test_every_language_has_a_mirrored_tree_of_aliases(site_in_every_language):
    _home, about = site_in_every_language
    for code in OTHER_LANGUAGES:
        mirrored = about.get_translation(Locale.objects.get(language_code=code))
        assert mirrored.alias_of_id == about.pk
        assert mirrored.url == f"/{code}/about/"


def test_loading_the_trees_again_changes_nothing(site_in_every_language):
    home, _about = site_in_every_language
    before = Page.objects.count()
    reports = []
    languages.load_language_trees(home, report=reports.append)
    assert Page.objects.count() == before and reports == []


def test_a_new_page_gets_its_alias_in_each_language_on_the_next_load(site_in_every_language):
    home, _about = site_in_every_language
    StandardPageFactory(parent=home, title="Privacy", slug="privacy")
    languages.load_language_trees(home, report=lambda message: None)
    assert Page.objects.filter(slug="privacy").count() == len(settings.LANGUAGES)


def test_english_keeps_its_addresses_and_other_languages_live_under_a_prefix(client, site_in_every_language):
    for path in ("/", "/about/", "/patient-associations/", "/search/?q=net"):
        assert client.get(path).status_code == 200, path
    for code in OTHER_LANGUAGES:
        for path in (f"/{code}/", f"/{code}/about/", f"/{code}/patient-associations/", f"/{code}/search/?q=net"):
            assert client.get(path).status_code == 200, path
    assert client.get("/xx/about/").status_code == 404


@pytest.mark.parametrize(
    ("path", "lang", "direction"),
    [("/about/", "en", "ltr"), ("/de/about/", "de", "ltr"), ("/ar/about/", "ar", "rtl")],
)
def test_html_element_has_the_language_and_direction(client, site_in_every_language, path, lang, direction):
    html = client.get(path).content.decode()
    assert visible_attr(html, "html") == f'<html lang="{lang}" dir="{direction}">'


def test_the_language_comes_from_the_address_only(client, site_in_every_language):
    """No cookie and no Accept-Language changes the language, so an address is one page for all."""
    response = client.get("/about/", headers={"accept-language": "de"}, cookies={settings.LANGUAGE_COOKIE_NAME: "fr"})
    assert 'lang="en"' in visible_attr(response.content.decode(), "html")
    assert "accept-language" not in response.get("Vary", "").lower()
    assert response["Content-Language"] == "en"
    assert client.get("/de/about/")["Content-Language"] == "de"


def test_switcher_links_to_the_same_page_in_every_language(client, site_in_every_language):
    html = client.get("/de/about/").content.decode()
    switcher = html[html.index('class="language-switcher"') : html.index("</details>")]
    links = re.findall(r'<a href="([^"]+)" lang="([^"]+)" hreflang="[^"]+"( aria-current="true")?>', switcher)
    assert [(url, code) for url, code, _current in links] == [
        ("/about/" if code == "en" else f"/{code}/about/", code) for code, _name in settings.LANGUAGES
    ]
    assert [code for _url, code, current in links if current] == ["de"]
    assert ">Deutsch</summary>" in switcher


def test_switcher_keeps_a_routable_sub_view_and_its_filters(client, site_in_every_language):
    html = client.get("/fr/patient-associations/?country=DE").content.decode()
    assert 'href="/de/patient-associations/?country=DE" lang="de"' in html
    assert 'href="/patient-associations/?country=DE" lang="en"' in html


def test_switcher_on_a_view_that_is_not_a_page_keeps_the_query(client, site_in_every_language):
    html = client.get("/es/search/?q=prrt").content.decode()
    assert 'href="/it/search/?q=prrt" lang="it"' in html


def test_switcher_links_to_a_language_home_where_the_page_has_no_version(client, home_page, every_language):
    """Without mirrored trees (a page added since the last load), the page is in English only."""
    StandardPageFactory(parent=home_page, title="New", slug="new")
    html = client.get("/new/").content.decode()
    assert 'href="/de/" lang="de"' in html


def test_an_alias_shows_the_notice_and_marks_its_text_as_english(client, site_in_every_language):
    html = client.get("/de/about/").content.decode()
    assert '<main id="main" class="wrapper" tabindex="-1" lang="en">' in html
    assert 'class="language-notice" lang="de"' in html
    english = client.get("/about/").content.decode()
    assert "language-notice" not in english and '<main id="main" class="wrapper" tabindex="-1">' in english


def test_a_translation_shows_no_notice(client, site_in_every_language):
    _home, about = site_in_every_language
    translate(about, "de", "Über uns")
    html = client.get("/de/about/").content.decode()
    assert "Über uns" in html and "language-notice" not in html
    assert '<main id="main" class="wrapper" tabindex="-1">' in html


def test_hreflang_lists_only_versions_with_their_own_text(client, site_in_every_language):
    _home, about = site_in_every_language
    assert 'hreflang="de" href' not in client.get("/about/").content.decode()  # aliases only: none
    translate(about, "de", "Über uns")
    html = client.get("/about/").content.decode()
    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    assert sorted(alternates) == sorted(
        [
            ("en", "http://localhost/about/"),
            ("de", "http://localhost/de/about/"),
            ("x-default", "http://localhost/about/"),
        ]
    )


def test_sitemap_lists_translations_with_their_alternates_and_no_aliases(client, site_in_every_language):
    _home, about = site_in_every_language
    translate(about, "fr", "À propos")
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own response
    entries = {
        url.find("s:loc", SITEMAP_NS).text: sorted(link.get("hreflang") for link in url.findall("x:link", SITEMAP_NS))
        for url in root.findall("s:url", SITEMAP_NS)
    }
    assert entries["http://localhost/about/"] == ["en", "fr"]
    assert entries["http://localhost/fr/about/"] == ["en", "fr"]
    assert entries["http://localhost/"] == []
    assert not any("/de/" in location for location in entries)


def test_robots_txt_keeps_search_results_out_in_every_language(client):
    body = client.get("/robots.txt").content.decode()
    for code in OTHER_LANGUAGES:
        assert f"Disallow: /{code}/search/" in body


def test_menus_and_footer_stay_in_the_visitors_language(client, site_in_every_language):
    html = client.get("/nl/").content.decode()
    assert 'href="/nl/patient-associations/"' in html and 'href="/nl/about/"' in html
    assert 'href="/patient-associations/"' not in html.split('class="language-switcher"')[0]


@pytest.fixture
def page_cache(settings):
    yield from use_cache_backend(settings, "local-memory", page_cache_enabled=True)


def test_the_page_cache_keeps_each_language_apart(client, page_cache, site_in_every_language):
    """A German visitor never gets the English page from the cache, or the reverse."""
    english, german = client.get("/about/"), client.get("/de/about/")
    assert english.get("X-Cache") == "miss" and german.get("X-Cache") == "miss"
    english, german = client.get("/about/"), client.get("/de/about/")
    assert english.get("X-Cache") == "hit" and german.get("X-Cache") == "hit"
    assert 'lang="en"' in visible_attr(english.content.decode(), "html")
    assert 'lang="de"' in visible_attr(german.content.decode(), "html")


def test_kept_versions_are_dropped_when_content_changes(client, site_in_every_language):
    _home, about = site_in_every_language
    client.get("/about/")
    translate(about, "it", "Chi siamo")
    assert "Chi siamo" in client.get("/it/about/").content.decode()
    assert 'hreflang="it"' in client.get("/about/").content.decode()
