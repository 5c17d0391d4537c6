"""robots.txt keeps crawlers out of the admin and the search results, and points to the sitemap."""

import pytest

pytestmark = pytest.mark.django_db


def robots_lines(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    return response.text.splitlines()


def test_robots_txt_disallows_the_admin(client, home_page):
    lines = robots_lines(client)
    assert "Disallow: /admin/" in lines


def test_robots_txt_disallows_the_site_search(client, home_page):
    assert "Disallow: /search/" in robots_lines(client)


def test_robots_txt_allows_the_rest_of_the_site(client, home_page):
    lines = robots_lines(client)
    assert "User-agent: *" in lines
    assert "Disallow: /" not in lines


def test_robots_txt_names_the_sitemap_by_its_full_address(client, home_page):
    assert "Sitemap: http://localhost/sitemap.xml" in robots_lines(client)
