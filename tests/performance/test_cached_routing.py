"""Each address's page comes from the cache (caching.serving), and so does the answer "no page of
the site has view restrictions"; a publish,
unpublish, move, deletion or a change of view restrictions is seen on the very next request.

The full-page cache is off, so every answer here is rendered; every test runs on local memory
and on the real Redis at 127.0.0.1:6379.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from netportal.caching import serving
from tests.factories import AssociationFactory, DirectoryPageFactory, StandardPageFactory

from .conftest import use_cache_backend

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["local-memory", pytest.param("redis", marks=pytest.mark.redis)])
def content_cache(request, settings):
    yield from use_cache_backend(settings, request.param, page_cache_enabled=False)


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="About us", slug="about", introduction="First words.")


def queries(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    return response, [query["sql"] for query in context.captured_queries]


def test_second_request_routes_from_the_cache(client, content_cache, about):
    first, first_queries = queries(client, "/about/")
    second, second_queries = queries(client, "/about/")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert any("wagtailcore_pageviewrestriction" in sql for sql in first_queries)
    # Only Wagtail's site lookup by host name is left: the route, the answer "no view
    # restrictions", the menu, breadcrumbs and settings all come from the cache.
    assert len(second_queries) == 1, second_queries
    assert "wagtailcore_site" in second_queries[0]


def test_published_change_is_served_at_once(client, content_cache, about):
    assert "First words." in client.get("/about/").content.decode()
    about.introduction = "Second words."
    about.save_revision().publish()
    assert "Second words." in client.get("/about/").content.decode()


def test_new_slug_answers_and_old_one_is_gone_at_once(client, content_cache, about):
    assert client.get("/about/").status_code == 200
    about.slug = "who-we-are"
    about.save_revision().publish()
    assert client.get("/about/").status_code == 404
    assert client.get("/who-we-are/").status_code == 200


def test_unpublished_page_is_gone_at_once(client, content_cache, about):
    assert client.get("/about/").status_code == 200
    about.unpublish()
    assert client.get("/about/").status_code == 404


def test_moved_page_answers_at_its_new_address(client, content_cache, home_page, about):
    section = StandardPageFactory(parent=home_page, title="Living with NETs", slug="living")
    assert client.get("/about/").status_code == 200
    about.move(section, pos="last-child")
    response = client.get("/about/")
    assert response.status_code == 301  # Wagtail's redirects app records the move
    assert response["Location"] == "/living/about/"
    assert client.get("/living/about/").status_code == 200


def test_deleted_page_is_gone_at_once(client, content_cache, about):
    assert client.get("/about/").status_code == 200
    Page.objects.get(pk=about.pk).delete()
    assert client.get("/about/").status_code == 404


def test_new_login_restriction_applies_at_once(client, content_cache, about):
    assert client.get("/about/").status_code == 200
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/about/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_restriction_on_an_ancestor_applies_to_cached_child_pages(client, content_cache, home_page):
    section = StandardPageFactory(parent=home_page, title="Staff area", slug="staff")
    StandardPageFactory(parent=section, title="Rota", slug="rota", introduction="Who works when.")
    assert client.get("/staff/rota/").status_code == 200
    restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Rota readers"))
    assert client.get("/staff/rota/").status_code == 302
    restriction.delete()
    assert "Who works when." in client.get("/staff/rota/").content.decode()


def test_kept_restriction_is_still_checked_for_each_visitor(client, content_cache, about, django_user_model):
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/about/").status_code == 302
    assert client.get("/about/").status_code == 302  # from the cache: still restricted
    client.force_login(django_user_model.objects.create_user("reader", password="not-used-here"))
    assert client.get("/about/").status_code == 200


def test_password_restriction_from_the_cache_accepts_the_right_password(client, content_cache, about):
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="purple-lantern"
    )
    assert "First words." not in client.get("/about/").content.decode()
    assert "First words." not in client.get("/about/").content.decode()
    response = client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{about.pk}/",
        {"password": "purple-lantern", "return_url": "/about/"},
    )
    assert response.status_code == 302, response.content.decode()
    assert "First words." in client.get("/about/").content.decode()


def test_made_up_address_under_a_routable_page_is_not_kept(client, content_cache, home_page, rf):
    DirectoryPageFactory(parent=home_page)
    path = "/patient-associations/no-such-association/"
    assert client.get(path).status_code == 404
    request = rf.get(path)
    assert caches["content"].get(serving._route_name(request, path.lstrip("/"))) is None
    real = AssociationFactory(slug="real-association")
    path = f"/patient-associations/{real.slug}/"
    assert client.get(path).status_code == 200
    request = rf.get(path)
    assert caches["content"].get(serving._route_name(request, path.lstrip("/"))) is not None


def test_unpublished_association_is_gone_at_once(client, content_cache, home_page):
    DirectoryPageFactory(parent=home_page)
    association = AssociationFactory(name="Carcinoid Friends", slug="carcinoid-friends")
    association.save_revision().publish()
    assert client.get("/patient-associations/carcinoid-friends/").status_code == 200
    association.unpublish()
    assert client.get("/patient-associations/carcinoid-friends/").status_code == 404


def test_each_site_routes_to_its_own_pages(client, content_cache, home_page, settings):
    settings.ALLOWED_HOSTS = ["testserver", "partner.example"]
    StandardPageFactory(parent=home_page, title="About the portal", slug="about")
    other_root = StandardPageFactory(parent=Page.get_first_root_node(), title="Partner site", slug="partner")
    StandardPageFactory(parent=other_root, title="About the partner", slug="about")
    Site.objects.create(hostname="partner.example", port=80, root_page=other_root)
    assert "About the portal" in client.get("/about/").content.decode()
    assert "About the partner" in client.get("/about/", HTTP_HOST="partner.example").content.decode()
    assert "About the portal" in client.get("/about/").content.decode()


def test_post_is_routed_by_wagtail_alone(client, content_cache, about, rf):
    assert "First words." in client.post("/about/").content.decode()
    assert serving._route_name(rf.post("/about/"), "about/") is None
    request = rf.get("/about/")
    assert caches["content"].get(serving._route_name(request, "about/")) is None
