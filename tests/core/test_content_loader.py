import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page, Site

from netportal.core.models import HomePage, SiteSettings

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_load_portal_content_makes_home_the_site_root(every_language):
    call_command("load_portal_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    # The home page and its versions in the other languages, nothing else, at the top of the tree.
    top = Page.objects.filter(depth=2)
    assert {page.translation_key for page in top} == {site.root_page.translation_key}
    assert top.count() == len(settings.LANGUAGES)
    assert SiteSettings.for_site(site).medical_disclaimer


def test_load_portal_content_twice_changes_nothing(capsys):
    call_command("load_portal_content")
    first = row_counts()
    capsys.readouterr()
    call_command("load_portal_content")
    assert row_counts() == first
    assert "nothing changed" in capsys.readouterr().out


def test_loading_twice_records_no_review_and_requests_each_review_once(capsys):
    from wagtail.models import WorkflowState

    from netportal.governance.models import ReviewRecord

    call_command("load_portal_content")
    call_command("load_portal_content")
    assert not ReviewRecord.objects.exists()
    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    # The three health pages (the seed's glossary terms wait in the same workflow).
    assert waiting.filter(base_content_type__app_label="wagtailcore").count() == 3
    assert "sent “Neuroendocrine tumours” for medical review" in capsys.readouterr().out


def test_loaded_wording_claims_no_review(client):
    call_command("load_portal_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    html = client.get("/").content.decode() + client.get("/about/").content.decode()
    text = (html + SiteSettings.for_site(site).tagline).lower()
    for claim in ("reviewed information", "trustworthy", "verified"):
        assert claim not in text
