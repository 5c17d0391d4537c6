"""What an edge cache (Varnish, a CDN) may keep: only pages the page cache stores, for s-maxage."""

import pytest
from django.urls import reverse

from tests.factories import StandardPageFactory
from tests.performance.conftest import use_cache_backend

pytestmark = pytest.mark.django_db

SHAREABLE = "max-age=0, public, s-maxage=600"


@pytest.fixture
def page_cache(settings):
    yield from use_cache_backend(settings, "local-memory", page_cache_enabled=True)


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="About us", slug="about")


def directives(response):
    return sorted(part.strip() for part in response["Cache-Control"].split(","))


def test_a_stored_page_is_shareable_on_the_miss_and_on_the_hit(client, page_cache, about):
    miss = client.get(about.url)
    hit = client.get(about.url)
    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert directives(miss) == directives(hit) == SHAREABLE.split(", ")


def test_a_logged_in_editor_gets_a_private_page(admin_client, page_cache, about):
    response = admin_client.get(about.url)
    assert "private" in directives(response)
    assert "public" not in directives(response)


def test_a_page_setting_a_cookie_is_private(client, page_cache, home_page):
    from tests.factories import AssociationFactory, DirectoryPageFactory

    DirectoryPageFactory(parent=home_page)
    association = AssociationFactory(slug="example-group")
    response = client.get(reverse("governance:suggest_correction", args=[association.slug]))
    assert response.cookies, "the suggestion form sets the CSRF cookie"
    assert "private" in directives(response)


def test_not_found_and_post_answers_are_private(client, page_cache, about):
    assert directives(client.get("/no-such-page/")) == ["private"]
    assert "private" in directives(client.post(about.url))


def test_health_check_is_never_stored_anywhere(client, page_cache, db):
    assert "no-store" in directives(client.get(reverse("healthz")))


def test_admin_is_private(client, page_cache, db):
    assert "private" in directives(client.get("/admin/login/"))


def test_robots_txt_keeps_its_own_public_lifetime(client, page_cache, db):
    assert "max-age=3600" in directives(client.get("/robots.txt"))


def test_a_path_stores_a_bounded_number_of_query_strings(client, page_cache, about, settings, monkeypatch):
    from netportal.caching import middleware

    monkeypatch.setattr(middleware, "MAX_QUERY_VARIANTS", 3)
    search = reverse("search")
    stored = [client.get(search, {"q": f"word{number}"})["X-Cache"] for number in range(5)]
    assert stored == ["miss", "miss", "miss", "bypass", "bypass"]
    assert client.get(search, {"q": "word0"})["X-Cache"] == "hit"
    over_budget = client.get(search, {"q": "word4"})
    assert over_budget["X-Cache"] == "bypass"
    assert directives(over_budget) == ["private"], "an edge cache must not keep them either"
    assert client.get(about.url)["X-Cache"] == "miss", "other paths have their own budget"
