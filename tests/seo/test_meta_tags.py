"""<title>, meta description, canonical URL, Open Graph and Twitter card tags from the promote tab."""

import re

import pytest

pytestmark = pytest.mark.django_db


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def canonical(html):
    match = re.search(r'<link rel="canonical" href="([^"]*)">', html)
    return match.group(1) if match else None


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1).strip()


def test_title_and_description_come_from_the_promote_tab(client, health_pages):
    page = health_pages["condition"]
    page.seo_title = "NETs explained"
    page.search_description = "What NETs are, in plain words."
    page.save_revision().publish()
    html = client.get(page.url).text
    assert title(html).startswith("NETs explained |")
    assert meta(html, "name", "description") == "What NETs are, in plain words."
    assert meta(html, "property", "og:title") == "NETs explained"
    assert meta(html, "property", "og:description") == "What NETs are, in plain words."


def test_title_and_description_fall_back_to_the_title_and_summary(client, health_pages):
    page = health_pages["prrt"]
    page.summary = "A treatment given by infusion."
    page.save_revision().publish()
    html = client.get(page.url).text
    assert title(html).startswith("PRRT |")
    assert meta(html, "name", "description") == "A treatment given by infusion."


def test_canonical_url_is_the_full_address_without_the_query_string(client, health_pages):
    html = client.get(health_pages["prrt"].url, {"utm_source": "newsletter"}).text
    assert canonical(html) == "http://localhost/treatments/prrt/"
    assert meta(html, "property", "og:url") == "http://localhost/treatments/prrt/"


def test_directory_country_page_has_its_own_canonical_url(client, directory):
    html = client.get("/patient-associations/country/deu/").text
    assert canonical(html) == "http://localhost/patient-associations/country/deu/"


def test_health_page_is_an_article_for_social_sites(client, health_pages):
    html = client.get(health_pages["condition"].url).text
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "name", "twitter:card") == "summary"
    assert meta(html, "property", "og:site_name")


def test_other_pages_are_a_website_for_social_sites(client, home_page):
    html = client.get("/").text
    assert meta(html, "property", "og:type") == "website"
    assert meta(html, "name", "twitter:card") == "summary"


def test_meta_tags_escape_what_editors_type(client, health_pages):
    page = health_pages["condition"]
    page.search_description = 'Tumours "and" <b>more</b>'
    page.save_revision().publish()
    html = client.get(page.url).text
    assert meta(html, "name", "description") == "Tumours &quot;and&quot; &lt;b&gt;more&lt;/b&gt;"


def test_search_page_is_not_indexed_and_has_no_social_tags(client, health_pages):
    html = client.get("/search/", {"q": "PRRT"}).text
    assert '<meta name="robots" content="noindex">' in html
    assert meta(html, "property", "og:title") is None
