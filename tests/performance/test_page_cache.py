"""The anonymous full-page cache: who gets stored pages, and when they are thrown away.

Every test runs twice through the `page_cache` fixture: on local memory and on Redis.
"""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction, Site

from netportal.caching.generation import GENERATION_KEY, current_generation, start_new_generation
from netportal.caching.middleware import MAX_STORED_QUERY_STRING
from netportal.core.models import SiteSettings
from organizations.models import Association, Region
from tests.factories import DirectoryPageFactory, StandardPageFactory

from .conftest import use_cache_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="About us", slug="about", introduction="First words.")


def republish(page, **changes):
    for field, value in changes.items():
        setattr(page, field, value)
    page.save_revision().publish()


def test_anonymous_get_is_stored_then_served_from_the_cache(client, page_cache, about, django_assert_num_queries):
    first = client.get(about.url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(about.url)
    assert second["X-Cache"] == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


@pytest.fixture
def redis_page_cache(settings):
    yield from use_cache_backend(settings, "redis", page_cache_enabled=True)


@pytest.mark.redis
def test_a_hit_reads_redis_once(client, redis_page_cache, about, monkeypatch):
    """The generation and the stored page come in one round trip (one MGET)."""
    client.get(about.url)
    redis_client = cache.client  # the backend's kept redis-py client: one command, one round trip
    commands = []
    real = redis_client.execute_command
    monkeypatch.setattr(
        redis_client, "execute_command", lambda *args, **kwargs: commands.append(args[0]) or real(*args, **kwargs)
    )
    assert client.get(about.url)["X-Cache"] == "hit"
    assert commands == ["MGET"]


def test_a_page_stored_in_an_earlier_generation_is_not_served(client, page_cache, about):
    assert client.get(about.url)["X-Cache"] == "miss"
    start_new_generation()
    assert client.get(about.url)["X-Cache"] == "miss"
    assert client.get(about.url)["X-Cache"] == "hit"


def test_cached_page_keeps_its_content_security_policy_and_security_headers(client, page_cache, about):
    first = client.get(about.url)
    second = client.get(about.url)
    assert second["X-Cache"] == "hit"
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Referrer-Policy"):
        assert second[header] == first[header]
    assert "nonce-" not in second["Content-Security-Policy"]


def test_head_request_is_answered_from_the_cache_filled_by_get(client, page_cache, about):
    client.get(about.url)
    response = client.head(about.url)
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_different_query_strings_are_cached_separately(client, page_cache, about):
    search = reverse("search")
    client.get(search, {"q": "about"})
    other = client.get(search, {"q": "nothing-matches-this"})
    assert other["X-Cache"] == "miss"
    assert client.get(search, {"q": "about"})["X-Cache"] == "hit"


def test_logged_in_editor_bypasses_the_cache_and_sees_the_user_bar(client, admin_client, page_cache, about):
    client.get(about.url)
    assert client.get(about.url)["X-Cache"] == "hit"
    response = admin_client.get(about.url)
    assert response["X-Cache"] == "bypass"
    assert b"wagtail-userbar" in response.content


def test_logged_in_editor_response_is_never_stored_for_visitors(client, admin_client, page_cache, about):
    admin_client.get(about.url)
    response = client.get(about.url)
    assert response["X-Cache"] == "miss"
    assert b"wagtail-userbar" not in response.content


def test_any_session_cookie_bypasses_the_cache(client, page_cache, about):
    client.get(about.url)
    client.cookies["sessionid"] = "not-a-real-session"
    assert client.get(about.url)["X-Cache"] == "bypass"


def test_post_bypasses_the_cache_and_stores_nothing(client, page_cache, about):
    response = client.post(about.url)
    assert response["X-Cache"] == "bypass"
    assert client.get(about.url)["X-Cache"] == "miss"


def test_publishing_serves_the_new_text_right_away(client, page_cache, about):
    client.get(about.url)
    assert b"First words." in client.get(about.url).content
    republish(about, introduction="Second, corrected words.")
    response = client.get(about.url)
    assert response["X-Cache"] == "miss"
    assert b"Second, corrected words." in response.content
    assert b"First words." not in response.content


def test_publishing_one_page_refreshes_pages_that_list_it(client, page_cache, home_page):
    section = StandardPageFactory(parent=home_page, title="Living with NETs", show_in_menus=True)
    assert b"Living with NETs" in client.get("/").content
    republish(section, title="Daily life with NETs")
    assert b"Daily life with NETs" in client.get("/").content


def test_publishing_clears_the_cache_again_when_the_transaction_commits(
    client, page_cache, about, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        republish(about, introduction="Edited.")
        during = current_generation()
    assert callbacks
    for callback in callbacks:
        callback()
    assert current_generation() != during


def test_unpublished_page_is_gone_for_visitors_at_once(client, page_cache, about):
    client.get(about.url)
    about.unpublish()
    assert client.get("/about/").status_code == 404


def test_deleted_page_is_gone_for_visitors_at_once(client, page_cache, about):
    client.get("/about/")
    about.delete()
    assert client.get("/about/").status_code == 404


def test_moved_page_leaves_its_old_address_at_once(client, page_cache, home_page, about):
    parent = StandardPageFactory(parent=home_page, title="Organisation", slug="organisation")
    client.get("/about/")
    about.move(parent, pos="last-child")
    old_address = client.get("/about/")
    assert old_address.status_code == 301  # Wagtail's automatic redirect, not the stored page
    assert old_address["Location"] == "/organisation/about/"
    assert client.get("/organisation/about/").status_code == 200


def test_restricting_a_page_hides_the_cached_copy(client, page_cache, about):
    client.get(about.url)
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(about.url).status_code == 302


def test_changing_site_settings_refreshes_every_page(client, page_cache, home_page):
    client.get("/")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.site_name = "Renamed portal"
    site_settings.save()
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert b"Renamed portal" in response.content


@pytest.fixture
def directory(home_page):
    return DirectoryPageFactory(parent=home_page)


@pytest.fixture
def association(directory):
    region = Region.objects.create(name="Europe", slug="europe")
    association = Association.objects.create(
        name="Example patient group", slug="example-patient-group", region=region, country="DE", live=False
    )
    association.save_revision().publish()
    association.refresh_from_db()
    return association


def detail_url(directory, association):
    return directory.url + directory.reverse_subpage("association", args=[association.slug])


def test_publishing_an_association_serves_its_new_name_right_away(client, page_cache, directory, association):
    pages = [detail_url(directory, association), directory.url, "/patient-associations/?q=Germany"]
    for url in pages:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"
    association.name = "Renamed patient group"
    association.save_revision().publish()
    for url in pages:
        response = client.get(url)
        assert response["X-Cache"] == "miss", url
        assert b"Renamed patient group" in response.content, url


def test_saving_an_association_draft_keeps_the_cached_pages(client, page_cache, directory, association):
    url = detail_url(directory, association)
    client.get(url)
    association.name = "Draft name, not published"
    association.save_revision()
    response = client.get(url)
    assert response["X-Cache"] == "hit"
    assert b"Draft name, not published" not in response.content


def test_unpublishing_an_association_removes_it_at_once(client, page_cache, directory, association):
    url = detail_url(directory, association)
    client.get(url)
    client.get(directory.url)
    association.unpublish()
    assert client.get(url).status_code == 404
    assert b"Example patient group" not in client.get(directory.url + "?q=Germany").content


def test_deleting_an_association_removes_it_at_once(client, page_cache, directory, association):
    url = detail_url(directory, association)
    client.get(url)
    association.delete()
    assert client.get(url).status_code == 404


def test_renaming_a_region_refreshes_the_directory(client, page_cache, directory, association):
    client.get(directory.url)
    region = association.region
    region.name = "Europe and the Mediterranean"
    region.save()
    response = client.get(directory.url)
    assert response["X-Cache"] == "miss"
    assert b"Europe and the Mediterranean" in response.content


def test_marking_an_association_verified_shows_the_date_at_once(client, page_cache, directory, association, admin_user):
    from netportal.governance.verification import mark_verified

    url = detail_url(directory, association)
    client.get(url)
    mark_verified(association, admin_user, today=datetime.date(2026, 3, 4))
    assert b"4 March 2026" in client.get(url).content


def test_promoting_a_search_result_refreshes_the_cached_search(client, page_cache, about):
    search = reverse("search")
    client.get(search, {"q": "nothing-matches-this"})
    query = Query.get("nothing-matches-this")
    SearchPromotion.objects.create(query=query, page=about, sort_order=0)
    response = client.get(search, {"q": "nothing-matches-this"})
    assert response["X-Cache"] == "miss"
    assert b"About us" in response.content


def test_very_long_query_strings_are_answered_but_not_stored(client, page_cache, about):
    path = reverse("search") + "?q=" + "a" * (MAX_STORED_QUERY_STRING + 1)
    assert client.get(path).status_code == 200
    assert client.get(path)["X-Cache"] == "bypass"


def test_health_check_is_never_cached(client, page_cache, db):
    client.get(reverse("healthz"))
    assert client.get(reverse("healthz"))["X-Cache"] != "hit"


def test_admin_is_never_cached(client, page_cache, db):
    client.get("/admin/login/")
    assert client.get("/admin/login/")["X-Cache"] == "bypass"


def test_not_found_pages_are_not_stored(client, page_cache, home_page):
    client.get("/no-such-page/")
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["X-Cache"] == "bypass"


def test_response_that_sets_a_cookie_is_not_stored(client, page_cache, about):
    response = client.get("/admin/login/")  # sets the CSRF cookie
    assert response.cookies
    client.cookies.clear()
    client.get(about.url)
    assert client.get(about.url)["X-Cache"] == "hit"
    assert not client.get(about.url).cookies


def test_cache_switched_off_by_setting_renders_every_time(client, page_cache, settings, about):
    settings.PAGE_CACHE_ENABLED = False
    client.get(about.url)
    response = client.get(about.url)
    assert response["X-Cache"] == "bypass"
    assert response["Cache-Control"] == "private"


def test_lost_generation_starts_a_new_one_instead_of_reviving_old_pages(client, page_cache, about):
    client.get(about.url)
    cache.delete(GENERATION_KEY)
    assert client.get(about.url)["X-Cache"] == "miss"


def test_compressed_and_plain_copies_are_stored_and_served_apart(client, page_cache, about):
    import gzip

    plain = client.get(about.url)
    assert plain["X-Cache"] == "miss" and "Content-Encoding" not in plain
    compressed = client.get(about.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["X-Cache"] == "miss"  # its own entry, not the plain copy
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2
    again = client.get(about.url, HTTP_ACCEPT_ENCODING="gzip")
    assert again["X-Cache"] == "hit" and again.content == compressed.content
    assert again["Content-Length"] == str(len(compressed.content))
    plain_again = client.get(about.url)
    assert plain_again["X-Cache"] == "hit" and plain_again.content == plain.content
    assert "Content-Encoding" not in plain_again
