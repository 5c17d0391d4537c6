"""A deploy never serves what the previous release stored: every key carries the release id."""

import pytest
from django.core.cache import caches

from netportal.caching.release import code_hash, release_id
from tests.factories import StandardPageFactory
from tests.performance.conftest import use_cache_backend

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["local-memory", pytest.param("redis", marks=pytest.mark.redis)])
def page_cache(request, settings):
    yield from use_cache_backend(settings, request.param, page_cache_enabled=True)


def test_pages_stored_by_the_previous_release_are_not_served(client, page_cache, home_page, settings):
    about = StandardPageFactory(parent=home_page, title="About us", slug="about")
    settings.RELEASE_ID = "release-1"
    client.get(about.url)
    assert client.get(about.url)["X-Cache"] == "hit"
    settings.RELEASE_ID = "release-2"
    assert client.get(about.url)["X-Cache"] == "miss"
    assert client.get(about.url)["X-Cache"] == "hit"


def test_values_kept_by_the_previous_release_are_not_read(page_cache, settings):
    settings.RELEASE_ID = "release-1"
    caches["content"].set("menu:1", ["Old menu"])
    settings.RELEASE_ID = "release-2"
    assert caches["content"].get("menu:1") is None


def test_without_a_configured_id_the_release_is_a_hash_of_the_code(settings):
    settings.RELEASE_ID = ""
    assert release_id() == code_hash(settings.BASE_DIR, settings.STATIC_ROOT)
    assert len(release_id()) == 12


def test_the_code_hash_changes_with_the_code_and_the_static_manifest(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text("ANSWER = 1\n")
    static_root = tmp_path / "staticfiles"
    static_root.mkdir()
    first = code_hash(tmp_path, static_root)
    assert code_hash(tmp_path, static_root) == first
    (tmp_path / "app" / "views.py").write_text("ANSWER = 2\n")
    second = code_hash(tmp_path, static_root)
    assert second != first
    (static_root / "staticfiles.json").write_text('{"paths": {"css/portal.css": "css/portal.1a2b.css"}}')
    third = code_hash(tmp_path, static_root)
    assert third != second
    (static_root / "staticfiles.json").write_text('{"paths": {"css/portal.css": "css/portal.3c4d.css"}}')
    assert code_hash(tmp_path, static_root) != third
