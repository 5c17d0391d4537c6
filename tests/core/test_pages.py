import pytest
from django.urls import reverse
from wagtail.models import Page

from netportal.core.models import HomePage, StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

# The home sections: fixed whatever the size of the page tree (the route and view restrictions,
# the site, site settings and menu items come from the cache after the first request).
HOME_PAGE_QUERIES = 1


def test_home_page_renders_with_layout(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert 'href="#main"' in html
    assert 'id="main"' in html
    assert home_page.title in html
    assert 'role="search"' in html


def test_home_page_lists_its_menu_sections(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Living with NETs", show_in_menus=True)
    hidden = StandardPageFactory(parent=home_page, title="Not in the menu", show_in_menus=False)
    html = client.get("/").content.decode()
    assert section.title in html
    assert hidden.title not in html


def test_home_page_query_count_stays_constant_as_pages_grow(client, home_page, django_assert_num_queries):
    for index in range(3):
        StandardPageFactory(parent=home_page, show_in_menus=True, title=f"Small {index}")
    client.get("/")  # warm Wagtail's site-root cache, as any running server has it
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        client.get("/")
    for index in range(30):
        StandardPageFactory(parent=home_page, show_in_menus=True, title=f"Large {index}")
    client.get("/")
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        client.get("/")


def test_standard_page_shows_breadcrumbs_and_marks_menu_item_current(client, home_page):
    about = StandardPageFactory(parent=home_page, title="About us", show_in_menus=True)
    team = StandardPageFactory(parent=about, title="Our team")
    html = client.get(team.url).content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert f'<a href="{about.url}">About us</a>' in html
    assert '<li aria-current="page">Our team</li>' in html
    assert 'aria-current="true"' in html


def test_unknown_url_shows_styled_404(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="site-header"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_healthz_answers_ok_without_cookies(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert not response.cookies


def test_healthz_refuses_post(client):
    assert client.post(reverse("healthz")).status_code == 405


def test_homepage_can_only_sit_at_the_root():
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert not StandardPage.can_create_at(Page.get_first_root_node())


def test_standard_page_allowed_under_home(home_page):
    assert StandardPage.can_create_at(home_page)
    assert not HomePage.can_create_at(home_page)


def test_server_error_page_renders_without_database_access(client, settings, django_assert_num_queries):
    from netportal.core.views import server_error

    request = client.get("/").wsgi_request
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert b"Sorry, something went wrong" in response.content


def test_only_the_wagtail_admin_has_a_login_page(client, home_page):
    # One staff login, protected by the lockout; Django's own admin is not exposed.
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/django-admin/").status_code == 404
