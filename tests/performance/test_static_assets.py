"""CSS and JavaScript under the production storage: hashed names, long lifetimes, gzip and Brotli.

collectstatic runs into a temporary STATIC_ROOT with the storage production uses, then real
requests go through the whole middleware stack, where WhiteNoise serves the files.
"""

import gzip
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import brotli
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings

from .public_pages import page_assets

pytestmark = pytest.mark.django_db

ONE_YEAR = 365 * 24 * 60 * 60
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def production_settings():
    """STORAGES and MIDDLEWARE as netportal.settings.production has them, read in a fresh process."""
    script = (
        "import json; from netportal.settings import production as p; "
        "print(json.dumps({'STORAGES': p.STORAGES, 'MIDDLEWARE': p.MIDDLEWARE}))"
    )
    environment = {
        **os.environ,
        "SECRET_KEY": "static-assets-test-" + "x1y2z3" * 10,
        "ALLOWED_HOSTS": "portal.example.org",
        "PAGE_CACHE_ENABLED": "false",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


# Wagtail's and Django's admin assets are not on public pages; leaving them out keeps this quick.
ADMIN_ASSETS = ["wagtail*", "admin", "rest_framework", "ninja"]


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory, production_settings):
    """collectstatic once, into a temporary STATIC_ROOT, with the production storage."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    storages = {**settings.STORAGES, "staticfiles": production_settings["STORAGES"]["staticfiles"]}
    with override_settings(STATIC_ROOT=static_root, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=ADMIN_ASSETS, stdout=StringIO())
    return static_root, storages


@pytest.fixture
def production_client(collected_static, settings):
    """A client whose middleware (WhiteNoise included) starts after collectstatic, as gunicorn does."""
    settings.STATIC_ROOT, settings.STORAGES = collected_static
    return Client()


def asset_urls(client):
    assets = page_assets(client.get("/").content.decode())
    return assets.stylesheets + assets.scripts


def fetch(client, url, encoding):
    response = client.get(url, headers={"Accept-Encoding": encoding})
    assert response.status_code == 200, url
    return response, b"".join(response.streaming_content)


def test_production_storage_is_whitenoise_compressed_manifest(production_settings):
    storage = production_settings["STORAGES"]["staticfiles"]["BACKEND"]
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    # Right after SecurityMiddleware: static files skip sessions, CSRF and the page cache.
    assert production_settings["MIDDLEWARE"].index("whitenoise.middleware.WhiteNoiseMiddleware") == 1


def test_pages_link_css_and_javascript_by_hashed_name(production_client, home_page):
    urls = asset_urls(production_client)
    assert any(url.endswith(".css") for url in urls)
    assert any(url.endswith(".js") for url in urls)
    for url in urls:
        name = url.rsplit("/", 1)[1]
        assert name.count(".") >= 2, url
        digest = name.rsplit(".", 2)[1]
        assert len(digest) == 12 and all(c in "0123456789abcdef" for c in digest), url


def test_hashed_assets_are_cached_for_a_year_and_immutable(production_client, home_page):
    for url in asset_urls(production_client):
        response, _ = fetch(production_client, url, "identity")
        cache_control = response["Cache-Control"]
        assert f"max-age={ONE_YEAR * 10}" in cache_control or f"max-age={ONE_YEAR}" in cache_control, cache_control
        assert "immutable" in cache_control
        assert "public" in cache_control


def test_assets_are_served_with_brotli_and_gzip(production_client, home_page):
    for url in asset_urls(production_client):
        _, plain = fetch(production_client, url, "identity")
        brotli_response, brotli_body = fetch(production_client, url, "br, gzip")
        assert brotli_response["Content-Encoding"] == "br", url
        assert brotli.decompress(brotli_body) == plain
        gzip_response, gzip_body = fetch(production_client, url, "gzip")
        assert gzip_response["Content-Encoding"] == "gzip", url
        assert gzip.decompress(gzip_body) == plain
        assert "Accept-Encoding" in gzip_response["Vary"]


def test_unhashed_asset_names_are_not_cached_forever(production_client):
    response, _ = fetch(production_client, "/static/css/portal.css", "identity")
    assert "immutable" not in response.get("Cache-Control", "")


def test_country_flags_are_hashed_svg_files_cached_for_a_year(production_client):
    from django.templatetags.static import static

    from organizations.flags import flag_url

    url = flag_url("DE")
    assert url == static("flags/de.svg")
    name = url.rsplit("/", 1)[1]
    assert name.startswith("de.") and name.endswith(".svg") and len(name.split(".")[1]) == 12, url
    response, body = fetch(production_client, url, "identity")
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "immutable" in response["Cache-Control"]
    assert body.lstrip().startswith(b"<svg")
