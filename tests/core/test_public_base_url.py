"""Absolute addresses use the configured public base URL; the admin names the portal and loads no Gravatar."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from wagtail.models import Site

from netportal.core import content

pytestmark = pytest.mark.django_db


def test_the_loader_gives_the_default_site_the_public_address(settings, client):
    settings.PUBLIC_BASE_URL = "https://portal.example.org"
    settings.ALLOWED_HOSTS = ["portal.example.org", "testserver"]
    content.load_home(lambda message: None)
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "https://portal.example.org"
    html = client.get("/", HTTP_HOST="portal.example.org").content.decode()
    assert '<link rel="canonical" href="https://portal.example.org/">' in html
    assert '<meta property="og:url" content="https://portal.example.org/">' in html
    assert "http://localhost" not in html


def test_a_site_address_set_by_staff_is_kept(settings):
    settings.PUBLIC_BASE_URL = "https://portal.example.org"
    Site.objects.filter(is_default_site=True).update(hostname="net.example.net", port=443)
    content.load_home(lambda message: None)
    assert Site.objects.get(is_default_site=True).hostname == "net.example.net"


def test_the_wagtail_site_is_named_after_the_portal(admin_client):
    content.load_home(lambda message: None)
    assert Site.objects.get(is_default_site=True).site_name == "NET patient portal"
    assert "NET patient portal" in admin_client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_admin_requests_no_gravatar(admin_client):
    content.load_home(lambda message: None)
    assert django_settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert "gravatar" not in admin_client.get(reverse("wagtailadmin_home")).content.decode()
