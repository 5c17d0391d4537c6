"""The directory's world map: made from the pinned Natural Earth data, kept until content changes."""

import gzip
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

from netportal.caching.generation import start_new_generation
from organizations import map_paths, world_map
from organizations.exchange import save_and_publish
from organizations.models import Association, Region, Scope
from tests.performance.public_pages import page_assets

from .test_query_counts import DIRECTORY_PAGE_QUERIES, REGION_PAGE_QUERIES, add_generated_associations

pytestmark = pytest.mark.django_db

URL = "/patient-associations/"
PACKAGE = Path(settings.BASE_DIR) / "node_modules" / "world-atlas"
GERMANY_NAME = "Germany: 1 association based here, 4 serve it"  # NeT e.V.; two "(EU)" networks; INCA


def map_html(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<div class="world-map')
    listed = html.find('<ul class="map-countries">', start)
    end = html.index("</ul>", listed) if listed != -1 else html.index("</figure>", start)
    return html[start:end]


def shape(html, name_start):
    """The element (link or path) whose accessible name starts with `name_start`, as text."""
    title = re.search(rf"<title>{re.escape(name_start)}[^<]*</title>", html)
    assert title, f"no country named {name_start!r} on the map"
    before = html.rfind("<a ", 0, title.start())
    after_path = html.rfind("<path ", 0, title.start())
    if before > after_path and html.find("</a>", before) > title.start():
        return html[before : html.index("</a>", title.end()) + 4]
    return html[after_path : html.index("</path>", title.end()) + 7]


def view_box(html):
    return [int(number) for number in re.search(r'class="world-map__svg" viewBox="([^"]+)"', html)[1].split()]


# The data file


def test_world_atlas_is_pinned_exactly_in_package_json():
    package = json.loads((Path(settings.BASE_DIR) / "package.json").read_text())
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["devDependencies"]["world-atlas"])
    lock = json.loads((Path(settings.BASE_DIR) / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/world-atlas"]["version"] == package["devDependencies"]["world-atlas"]


def test_committed_outlines_name_their_pinned_source():
    package = json.loads((Path(settings.BASE_DIR) / "package.json").read_text())
    source = world_map.outlines()["source"]
    assert f"world-atlas {package['devDependencies']['world-atlas']} countries-110m.json" in source


@pytest.mark.skipif(not (PACKAGE / "countries-110m.json").exists(), reason="npm ci has not installed world-atlas")
def test_committed_outlines_are_what_the_command_makes_from_the_pinned_package(tmp_path):
    output = tmp_path / "world_paths.json"
    call_command("build_world_paths", output=str(output), stdout=StringIO())
    assert json.loads(output.read_text()) == json.loads(map_paths.OUTPUT.read_text())


def test_germany_has_an_outline_inside_the_map():
    data = world_map.outlines()
    germany = data["countries"]["DE"]
    assert germany["d"].startswith("M") and germany["d"].endswith("z")
    x0, y0, x1, y1 = germany["box"]
    # Central Europe: right of the middle (longitude 6 to 15 east), in the upper half.
    assert data["width"] / 2 < x0 < x1 < data["width"] * 0.6
    assert 0 < y0 < y1 < data["height"] / 2
    assert "AQ" not in data["countries"]  # Antarctica is left out


def test_the_converter_keys_countries_by_alpha2_and_shares_their_border():
    # Two unit squares side by side; the middle edge is one arc, used forwards and reversed.
    topology = {
        "type": "Topology",
        "arcs": [[[0, 0], [0, 10]], [[0, 10], [-10, 10], [-10, 0], [0, 0]], [[0, 10], [10, 10], [10, 0], [0, 0]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "250", "arcs": [[0, 1]], "properties": {"name": "France"}},
                    {"type": "Polygon", "id": "276", "arcs": [[~0, 2]], "properties": {"name": "Germany"}},
                    {"type": "Polygon", "arcs": [[1]], "properties": {"name": "Nowhere"}},
                ],
            }
        },
    }
    result = map_paths.country_paths(topology)
    assert set(result["countries"]) == {"FR", "DE"}
    assert len(result["unnamed"]) == 1
    france, germany = result["countries"]["FR"], result["countries"]["DE"]
    assert france["box"][2] == germany["box"][0]  # they meet at longitude 0
    assert re.fullmatch(r"M\d+ \d+l[-\d ]+z", germany["d"])


def test_douglas_peucker_drops_points_on_a_straight_line_and_keeps_corners():
    line = [(0, 0), (1, 0.1), (2, 0), (3, 5), (4, 0)]
    assert map_paths.simplify(line, 0.5) == [(0, 0), (2, 0), (3, 5), (4, 0)]


# Drawing it


def test_a_country_with_an_association_is_a_link_with_its_accessible_name(client, seeded_directory):
    html = map_html(client)
    germany = shape(html, "Germany:")
    assert germany.startswith(
        f'<a href="/patient-associations/country/deu/" aria-label="{GERMANY_NAME}"><title>{GERMANY_NAME}</title>'
    )
    assert 'class="map-based-1"' in germany


def test_a_country_without_an_association_is_not_a_link(client, seeded_directory):
    html = map_html(client)
    poland = shape(html, "Poland:")
    assert poland.startswith("<path ")
    assert "Poland: no association based here, 3 serve it" in poland
    assert "/country/pol/" not in html


def test_countries_served_only_by_a_multinational_association_are_hatched_and_others_plain(client, seeded_directory):
    html = map_html(client)
    assert 'class="map-served"' in shape(html, "Poland:")  # served by the two "(EU)" networks
    mongolia = shape(html, "Mongolia:")
    assert 'class="map-none"' in mongolia
    assert "Mongolia: no association based here, 1 serves it" in mongolia  # the worldwide INCA


def test_colour_classes_follow_the_number_of_associations_based_there(client, seeded_directory):
    html = map_html(client)
    assert 'class="map-based-2"' in shape(html, "Denmark:")  # Lungeforeningen, Netpa Danmark
    assert 'class="map-based-3"' in shape(html, "United States of America:")  # nine
    assert [world_map.count_class(count) for count in (0, 1, 2, 3, 4, 9, 10, 500)] == [
        "map-none",
        "map-based-1",
        "map-based-2",
        "map-based-2",
        "map-based-3",
        "map-based-3",
        "map-based-4",
        "map-based-4",
    ]


def test_the_legend_names_every_colour_class_with_a_swatch(client, seeded_directory):
    html = map_html(client)
    legend = html[html.index('<ul class="map-legend">') : html.index("</ul>", html.index('<ul class="map-legend">'))]
    for css_class, label in world_map.legend():
        assert f'<rect class="{css_class}" width="12" height="12"/></svg> {label}</li>' in legend
    assert "4 to 9 associations based there" in legend
    assert "10 or more associations based there" in legend


def test_every_colour_class_is_styled_in_the_design_system():
    css = Path(finders.find("css/portal.css")).read_text()
    for css_class, _label in world_map.legend():
        assert f".{css_class}" in css


def test_the_map_credits_natural_earth_and_world_atlas(client, seeded_directory):
    html = map_html(client)
    assert "Natural Earth (public domain)" in html
    assert "world-atlas package (ISC licence)" in html


def test_the_map_has_no_inline_style_or_script_and_a_labelled_scrollable_frame(client, seeded_directory):
    html = map_html(client)
    assert "style=" not in html and "<script" not in html and " on" not in re.sub(r"<title>[^<]*</title>", "", html)
    assert '<div class="world-map__frame" role="region" tabindex="0" aria-labelledby="world-map-heading"' in html


def test_small_countries_the_outlines_leave_out_are_reached_through_the_list(client, seeded_directory):
    html = map_html(client)
    assert "SG" not in world_map.outlines()["countries"]  # Singapore is too small for 1:110m
    countries_list = html[html.index('<ul class="map-countries">') :]
    assert '<a href="/patient-associations/country/sgp/" aria-label="Singapore: 1 association based here' in (
        countries_list
    )
    assert countries_list.count("<li>") == 26  # every country of the seed with an association based there


def test_a_region_page_zooms_to_its_countries(client, seeded_directory):
    world = view_box(map_html(client))
    html = map_html(client, URL + "region/europe/")
    europe = view_box(html)
    assert europe[2] < world[2] / 2
    x0, y0, x1, y1 = world_map.outlines()["countries"]["DE"]["box"]
    assert europe[0] < x0 and x1 < europe[0] + europe[2] and europe[1] < y0 and y1 < europe[1] + europe[3]
    assert "Germany:" in html
    assert "Australia:" not in html
    assert "Map of Europe" in html
    region_list = html[html.index('<ul class="map-countries">') :]
    assert "/country/deu/" in region_list and "/country/usa/" not in region_list


def test_a_region_without_national_associations_shows_the_whole_world(client, seeded_directory):
    assert view_box(map_html(client, URL + "region/worldwide/")) == view_box(map_html(client))


def test_the_map_changes_when_an_association_is_published_or_unpublished(client, seeded_directory):
    assert "/country/pol/" not in map_html(client)
    polish = Association(
        name="Polskie Stowarzyszenie", slug="polskie", country="PL", scope=Scope.NATIONAL, region=Region.objects.first()
    )
    save_and_publish(polish)
    poland = shape(map_html(client), "Poland:")
    assert poland.startswith(
        '<a href="/patient-associations/country/pol/" aria-label="Poland: 1 association based here'
    )
    polish.unpublish()
    assert "/country/pol/" not in map_html(client)


# Budgets


def compressed_weight(client, url):
    """HTML + CSS + JS of a page, gzip-compressed as the production static storage and proxy send them."""
    response = client.get(url)
    html = response.content
    assets = page_assets(html.decode())
    total = len(gzip.compress(html))
    for asset in assets.stylesheets + assets.scripts:
        path = finders.find(asset.removeprefix(settings.STATIC_URL).split("?")[0])
        total += len(gzip.compress(Path(path).read_bytes()))
    return total


def test_directory_page_with_its_map_stays_under_100_kb_compressed_with_41_and_5000_associations(
    client, seeded_directory
):
    assert compressed_weight(client, URL) < 100_000
    add_generated_associations(5000)
    start_new_generation()
    assert compressed_weight(client, URL) < 100_000
    assert compressed_weight(client, URL + "region/europe/") < 100_000


def test_the_map_adds_no_query_once_kept_with_41_and_5000_associations(
    client, seeded_directory, django_assert_num_queries
):
    for total in (41, 5000):
        add_generated_associations(total)
        start_new_generation()
        for url, expected in ((URL, DIRECTORY_PAGE_QUERIES), (URL + "region/europe/", REGION_PAGE_QUERIES)):
            client.get(url)  # draws and keeps the map
            with django_assert_num_queries(expected):
                html = map_html(client, url)
            assert "<svg" in html
