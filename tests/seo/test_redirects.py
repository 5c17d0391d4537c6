"""A renamed page keeps its old address working: Wagtail creates a permanent redirect.

Wagtail sends `page_slug_changed` once the publish is committed; the tests run those callbacks.
"""

import pytest
from wagtail.contrib.redirects.models import Redirect

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rename(django_capture_on_commit_callbacks):
    def rename_and_publish(page, slug):
        page.slug = slug
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()

    return rename_and_publish


def test_redirects_are_created_automatically_and_served(settings):
    assert getattr(settings, "WAGTAILREDIRECTS_AUTO_CREATE", True) is True
    assert "wagtail.contrib.redirects" in settings.INSTALLED_APPS
    assert "wagtail.contrib.redirects.middleware.RedirectMiddleware" in settings.MIDDLEWARE


def test_old_address_redirects_to_the_new_one_after_a_slug_change(client, health_pages, rename):
    rename(health_pages["prrt"], "peptide-receptor-radionuclide-therapy")
    response = client.get("/treatments/prrt/")
    assert response.status_code == 301
    assert response["Location"].endswith("/treatments/peptide-receptor-radionuclide-therapy/")
    assert client.get(response["Location"].removeprefix("http://localhost")).status_code == 200


def test_pages_below_a_renamed_page_keep_their_old_addresses(client, health_pages, rename):
    rename(health_pages["index"], "treatment-options")
    response = client.get("/treatments/prrt/")
    assert response.status_code == 301
    assert response["Location"].endswith("/treatment-options/prrt/")


def test_renaming_back_leaves_no_redirect_loop(client, health_pages, rename):
    page = health_pages["prrt"]
    rename(page, "prrt-therapy")
    rename(page, "prrt")
    assert client.get("/treatments/prrt/").status_code == 200
    assert client.get("/treatments/prrt-therapy/").status_code == 301


def test_the_redirect_is_listed_for_editors(health_pages, rename):
    rename(health_pages["prrt"], "prrt-therapy")
    redirect = Redirect.objects.get(old_path="/treatments/prrt")
    assert redirect.automatically_created
    assert redirect.is_permanent
    assert redirect.redirect_page.specific == health_pages["prrt"]


def test_a_new_page_gets_a_friendly_address_from_its_title(home_page):
    page = StandardPageFactory.build(title="Living well with NETs", slug="")
    home_page.add_child(instance=page)
    assert page.slug == "living-well-with-nets"
    assert page.url == "/living-well-with-nets/"
