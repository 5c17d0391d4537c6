"""What pages share (the Wagtail site, site settings, main menu, breadcrumb ancestors, the
directory's region counts) is read from the cache, even with the page cache off, and is fresh
again right after a publish.

Every test runs on local memory and on the real Redis at 127.0.0.1:6379.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from netportal.caching.generation import request_scope, start_new_generation
from organizations.models import Association, Region
from tests.factories import DirectoryPageFactory, StandardPageFactory

from .conftest import use_cache_backend

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["local-memory", pytest.param("redis", marks=pytest.mark.redis)])
def content_cache(request, settings):
    """The cache backend under test, with the full-page cache switched off."""
    yield from use_cache_backend(settings, request.param, page_cache_enabled=False)


def test_a_kept_value_is_computed_once_per_generation(content_cache):
    calls = []

    def compute():
        calls.append(1)
        return {"regions": len(calls)}

    kept = caches["content"]
    assert kept.get_or_set("example", compute) == {"regions": 1}
    assert kept.get_or_set("example", compute) == {"regions": 1}
    assert len(calls) == 1
    start_new_generation()
    assert kept.get_or_set("example", compute) == {"regions": 2}
    assert len(calls) == 2


def test_a_request_reads_the_generation_once(content_cache):
    kept = caches["content"]
    with request_scope():
        kept.set("one", 1)
        start_new_generation()
        # The same request keeps the generation it started with... unless it made the change.
        assert kept.get("one") is None
    with request_scope():
        kept.set("two", 2)
        # Another process starts a new generation: this request's values stay consistent.
        caches["default"].set("caching:generation", "from-another-process")
        assert kept.get("two") == 2
    assert kept.get("two") is None


def test_clearing_the_content_cache_starts_a_new_generation(content_cache):
    kept = caches["content"]
    kept.set("menu", ["About us"])
    kept.clear()
    assert kept.get("menu") is None


def test_newly_published_menu_page_appears_at_once(client, content_cache, home_page):
    StandardPageFactory(parent=home_page, title="About us", slug="about", show_in_menus=True)
    assert "About us" in client.get("/").content.decode()
    page = StandardPageFactory.build(title="Contact the team", slug="contact", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert "Contact the team" in client.get("/").content.decode()


def test_hiding_a_page_from_menus_removes_it_at_once(client, content_cache, home_page):
    # Not a footer slug (netportal/core/templatetags/navigation_tags.py): the footer links those whatever the menus.
    about = StandardPageFactory(parent=home_page, title="About us", slug="about-us", show_in_menus=True)
    assert '<a href="/about-us/"' in client.get("/").content.decode()
    about.show_in_menus = False
    about.save_revision().publish()
    assert '<a href="/about-us/"' not in client.get("/").content.decode()


def test_renamed_section_shows_in_its_child_pages_breadcrumbs_at_once(client, content_cache, home_page):
    section = StandardPageFactory(parent=home_page, title="Living with NETs", slug="living")
    StandardPageFactory(parent=section, title="Diet", slug="diet")
    assert "Living with NETs" in client.get("/living/diet/").content.decode()
    section.title = "Life with a NET"
    section.save_revision().publish()
    html = client.get("/living/diet/").content.decode()
    assert "Life with a NET" in html
    assert "Living with NETs" not in html


def test_region_counts_follow_publishing_and_unpublishing(client, content_cache, home_page):
    directory = DirectoryPageFactory(parent=home_page)
    region = Region.objects.create(name="Europe", slug="europe")

    def europe_count():
        regions = client.get(directory.url).context["regions"]
        return next(r.association_count for r in regions if r.pk == region.pk)

    assert europe_count() == 0
    association = Association.objects.create(
        name="Example patient group", slug="example-patient-group", region=region, country="DE", live=False
    )
    association.save_revision()
    assert europe_count() == 0  # a draft is not counted
    association.save_revision().publish()
    assert europe_count() == 1
    association.refresh_from_db()
    association.unpublish()
    assert europe_count() == 0


def test_site_settings_change_shows_at_once(client, content_cache, home_page):
    from netportal.core.models import SiteSettings

    site = Site.objects.get(is_default_site=True)
    client.get("/")
    site_settings = SiteSettings.for_site(site)
    site_settings.footer_text = "Footer written just now."
    site_settings.save()
    assert "Footer written just now." in client.get("/").content.decode()


def test_sites_are_found_again_after_a_site_changes(client, content_cache, home_page, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]
    about = StandardPageFactory(parent=home_page, title="About us", slug="about-us", introduction="Elsewhere.")
    assert "About us" not in client.get("/", HTTP_HOST="other.example").content.decode().split("<main")[1]
    other = Site.objects.create(hostname="other.example", port=80, root_page=about, site_name="Other")
    assert "<h1>About us</h1>" in client.get("/", HTTP_HOST="other.example").content.decode()
    other.delete()
    assert "<h1>About us</h1>" not in client.get("/", HTTP_HOST="other.example").content.decode()


def test_pages_read_settings_from_the_cache_and_find_the_site_in_one_query(client, content_cache, home_page):
    client.get("/")
    with CaptureQueriesContext(connection) as context:
        client.get("/")
    queries = [query["sql"] for query in context.captured_queries]
    # Wagtail finds the site by host name (no public way to keep it); everything else is kept.
    assert len([sql for sql in queries if "wagtailcore_site" in sql]) == 1
    assert not any("core_sitesettings" in sql for sql in queries)
