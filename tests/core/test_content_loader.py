import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Page, Site

from netportal.core.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_load_portal_content_makes_home_the_site_root():
    call_command("load_portal_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert Page.objects.filter(depth=2).count() == 1
    assert SiteSettings.for_site(site).medical_disclaimer


def test_load_portal_content_twice_changes_nothing(capsys):
    call_command("load_portal_content")
    first = row_counts()
    capsys.readouterr()
    call_command("load_portal_content")
    assert row_counts() == first
    assert "nothing changed" in capsys.readouterr().out
