"""What pages share (the Wagtail site, site settings, main menu, breadcrumb ancestors, the
directory's region counts) is read from the cache, even with the page cache off, and is fresh
again right after a publish.

Every test runs on local memory and on the real Redis at 127.0.0.1:6379.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from netportal.core import page_cache
from organizations.models import Association, Region
from tests.factories import DirectoryPageFactory, StandardPageFactory

from .conftest import use_cache_backend

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["local-memory", pytest.param("redis", marks=pytest.mark.redis)])
def content_cache(request, settings):
    """The cache backend under test, with the full-page cache switched off."""
    yield from use_cache_backend(settings, request.param, page_cache_enabled=False)


def test_remember_computes_once_per_generation(content_cache, rf):
    calls = []

    def compute():
        calls.append(1)
        return {"regions": len(calls)}

    assert page_cache.remember(rf.get("/"), "example", compute) == {"regions": 1}
    assert page_cache.remember(rf.get("/"), "example", compute) == {"regions": 1}
    assert len(calls) == 1
    page_cache.clear()
    assert page_cache.remember(rf.get("/"), "example", compute) == {"regions": 2}
    assert len(calls) == 2


def test_remember_reads_the_generation_once_per_request(content_cache, rf):
    request = rf.get("/")
    page_cache.remember(request, "one", lambda: 1)
    generation = request._content_generation
    page_cache.clear()
    # Same request: the generation it started with, so its values stay consistent.
    assert page_cache.remember(request, "one", lambda: 2) == 1
    assert request._content_generation == generation


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


def test_pages_read_the_site_and_settings_from_the_cache(client, content_cache, home_page):
    client.get("/")
    with CaptureQueriesContext(connection) as context:
        client.get("/")
    tables = " ".join(query["sql"] for query in context.captured_queries)
    assert "wagtailcore_site" not in tables
    assert "core_sitesettings" not in tables


def test_each_process_keeps_its_own_copy_for_the_generation(content_cache, rf):
    page_cache.keep(rf.get("/"), "menu:test", ["About us"])
    cache.delete(f"content:{page_cache.current_generation()}:menu:test")  # the shared entry
    assert page_cache.recall(rf.get("/"), "menu:test") == ["About us"]  # one Redis read fewer
    page_cache.clear()
    assert page_cache.recall(rf.get("/"), "menu:test") is None


def test_a_process_copy_is_a_new_object_for_each_request(content_cache, rf):
    page_cache.keep(rf.get("/"), "menu:test", ["About us"])
    page_cache.recall(rf.get("/"), "menu:test").append("Changed by one request")
    assert page_cache.recall(rf.get("/"), "menu:test") == ["About us"]


def test_process_copies_expire_with_the_shared_entries(content_cache, rf, settings):
    settings.PAGE_CACHE_SECONDS = 0
    page_cache.keep(rf.get("/"), "menu:test", ["About us"])
    assert page_cache.recall(rf.get("/"), "menu:test") is None


def test_process_copies_are_bounded(content_cache, rf):
    request = rf.get("/")
    for number in range(page_cache.ProcessCopies.MAX_ENTRIES + 1):
        page_cache.keep(request, f"route:{number}", number)
    copies = page_cache._process_copies.entries
    assert len(copies) == page_cache.ProcessCopies.MAX_ENTRIES
    assert not any(key.endswith(":route:0") for key in copies)  # the oldest made room
