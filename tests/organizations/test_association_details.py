"""Cards and detail pages show each detail when known and nothing when not; flags are SVG images."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django_countries import countries

from organizations.codes import language_name
from organizations.models import Scope
from tests.factories import AssociationFactory, RegionFactory

pytestmark = pytest.mark.django_db

URL = "/patient-associations/"

FULL = {
    "website": "https://www.example.org/",
    "email": "info@example.org",
    "phone": "+49 30 1234567",
    "languages": "de en",
    "support": "helpline meetings",
    "focus": "nets",
    "description": "Meetings and a helpline for people with NETs.",
}


@pytest.fixture
def two_groups(directory_page):
    europe = RegionFactory(name="Europe", slug="europe", sort_order=10)
    full = AssociationFactory(name="Full Verein", slug="full-verein", country="DE", region=europe, **FULL)
    bare = AssociationFactory(name="Bare Verein", slug="bare-verein", country="DE", region=europe)
    return full, bare


def card(html, name):
    """The HTML of the card whose title is `name`."""
    start = html.index(f">{name}</a>")
    return html[html.rindex("<li", 0, start) : html.index("</li>", start)]


def test_a_card_shows_every_known_detail(client, two_groups):
    html = card(client.get(URL).content.decode(), "Full Verein")
    assert '<a href="https://www.example.org/" rel="noopener">www.example.org</a>' in html
    assert 'href="mailto:info@example.org"' in html
    assert 'href="tel:+49301234567">+49 30 1234567</a>' in html
    assert '<span lang="de">Deutsch</span>, <span lang="en">English</span>' in html
    assert "Helpline, Meetings" in html
    assert "NET-specific group" in html
    assert "Meetings and a helpline for people with NETs." in html
    assert "Based in Germany" in html


def test_a_card_without_details_omits_them_cleanly(client, two_groups):
    html = card(client.get(URL).content.decode(), "Bare Verein")
    for absent in ("Website", "Email", "Phone", "Languages", "Offers", "<dl", "tag--focus", "mailto:", "tel:"):
        assert absent not in html, absent
    assert "Based in Germany" in html


def test_the_detail_page_leads_with_what_the_group_does_and_how_to_reach_it(client, two_groups):
    html = client.get(f"{URL}full-verein/").content.decode()
    description = html.index("Meetings and a helpline for people with NETs.")
    contact = html.index("How to reach them")
    about = html.index("About this association")
    assert description < contact < about
    assert '<a href="https://www.example.org/" rel="noopener">www.example.org</a>' in html
    assert 'href="tel:+49301234567"' in html
    assert '<span lang="de">Deutsch</span>' in html
    assert "Helpline, Meetings" in html
    assert "We have no confirmed contact details" not in html


def test_the_detail_page_without_details_omits_them_and_says_so(client, two_groups):
    html = client.get(f"{URL}bare-verein/").content.decode()
    assert "We have no confirmed contact details for this association yet." in html
    for absent in ("mailto:", "tel:", "Languages", "Offers", "tag--focus", "Details checked against"):
        assert absent not in html, absent
    assert "search for its name" not in html.lower()


def test_languages_are_shown_by_their_own_names():
    assert [language_name(code) for code in ("de", "fr", "sv", "it", "ja")] == [
        "Deutsch",
        "français",
        "svenska",
        "italiano",
        "日本語",
    ]


@pytest.mark.parametrize("phone", ["+49 30 1234567", "+1 (800) 555-0100", "030/1234567", "+44 20 7946 0958"])
def test_phone_numbers_people_write_are_accepted(phone, directory_page):
    AssociationFactory.build(phone=phone, region=RegionFactory()).full_clean(validate_unique=False)


@pytest.mark.parametrize("phone", ["call us", "12345", "+49 30 1234567 ext", "+1234567890123456", "--123456"])
def test_phone_numbers_that_are_not_numbers_are_refused(phone, directory_page):
    with pytest.raises(ValidationError) as error:
        AssociationFactory.build(phone=phone, region=RegionFactory()).full_clean(validate_unique=False)
    assert "phone" in error.value.message_dict


def test_unknown_language_and_support_codes_are_refused(directory_page):
    association = AssociationFactory.build(languages="de klingon", support="therapy", region=RegionFactory())
    with pytest.raises(ValidationError) as error:
        association.full_clean(validate_unique=False)
    assert set(error.value.message_dict) >= {"languages", "support"}


# --- Flags ---


def img_tags(html):
    return re.findall(r"<img [^>]*>", html)


def test_flags_are_svg_images_with_empty_alt_and_no_emoji(client, two_groups):
    AssociationFactory(
        name="Europe network",
        scope=Scope.MULTINATIONAL,
        country="",
        countries_served=["DE", "FR"],
        region=two_groups[0].region,
    )
    for url in (URL, f"{URL}?q=Deutschland", f"{URL}country/deu/", f"{URL}region/europe/", f"{URL}full-verein/"):
        html = client.get(url).content.decode()
        flags = [tag for tag in img_tags(html) if "/static/flags/" in tag]
        assert flags, url
        assert all('src="/static/flags/de.svg"' in tag and 'alt=""' in tag for tag in flags), url
        assert not re.search("[\U0001f1e6-\U0001f1ff]", html), url  # no regional-indicator (emoji flag) letters


def test_every_country_has_a_flag_from_the_pinned_package():
    folder = Path(settings.BASE_DIR) / "static" / "flags"
    assert (folder / "VERSION").read_text().strip() == "flag-icons 7.5.0"
    assert "MIT License" in (folder / "LICENSE").read_text()
    for code, _name in countries:
        svg = (folder / f"{code.lower()}.svg").read_text()
        assert svg.lstrip().startswith("<svg") and "<script" not in svg, code


def test_flags_are_served_as_static_files(client):
    from django.contrib.staticfiles import finders

    assert finders.find("flags/de.svg")


def test_the_flag_version_in_package_json_is_the_copied_one():
    import json

    package = json.loads((Path(settings.BASE_DIR) / "package.json").read_text())
    assert package["dependencies"]["flag-icons"] == "7.5.0"
