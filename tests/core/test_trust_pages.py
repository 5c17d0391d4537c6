"""Trust pages: linked from every page's footer, true of this project, operator facts never invented."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Site

from netportal.core.models import SiteSettings
from netportal.governance.models import CONTACT_MESSAGE_MAX_LENGTH, CONTACT_MESSAGES_PER_HOUR, ContactPage
from tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

FOOTER_PAGES = {
    "/about/": "About this portal",
    "/how-we-make-our-information/": "How we make our information",
    "/accessibility/": "Accessibility statement",
    "/privacy/": "Privacy notice",
    "/contact/": "Contact",
}
# One address of every public page type the demo content has.
PAGE_TYPES = [
    "/",
    "/neuroendocrine-tumours/",
    "/treatments/",
    "/treatments/prrt/",
    "/treatments/compassionate-use-programme/",
    "/about/",
    "/contact/",
    "/patient-associations/",
    "/patient-associations/country/deu/",
    "/search/?q=PRRT",
    "/suggest/association/",
]


@pytest.fixture
def portal(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_portal_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    cache.clear()


def footer(html):
    return re.search(r'<footer class="site-footer">(.*?)</footer>', html, re.S)[1]


@pytest.mark.parametrize("address", PAGE_TYPES)
def test_every_footer_page_is_linked_from_every_page_type(client, portal, address):
    response = client.get(address)
    assert response.status_code == 200
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer(response.content.decode()))
    assert links == list(FOOTER_PAGES.items())


@pytest.mark.parametrize("address", list(FOOTER_PAGES))
def test_every_footer_page_answers(client, portal, address):
    response = client.get(address)
    assert response.status_code == 200
    assert f"<h1>{FOOTER_PAGES[address]}</h1>" in response.content.decode()


def test_the_footer_links_also_lead_to_an_association_page(client, portal):
    html = client.get("/patient-associations/").content.decode()
    association = re.search(r'href="(/patient-associations/[a-z0-9-]+/)"', html)[1]
    response = client.get(association)
    assert response.status_code == 200
    assert '<a href="/privacy/">Privacy notice</a>' in footer(response.content.decode())


def test_operator_facts_not_set_show_to_staff_only_and_are_never_invented(client, portal):
    visitor = client.get("/about/").content.decode()
    assert "Not set" not in visitor
    assert "charity number" not in visitor.lower()
    client.force_login(StaffUserFactory(username="admin-reader", is_staff=True))
    staff = client.get("/about/").content.decode()
    assert staff.count("Not set (only staff see this)") == 4


def test_operator_facts_come_from_the_site_settings(client, portal):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.operator_name = "Example NET Patient Charity"
    site_settings.charity_number = "1234567"
    site_settings.save()
    html = client.get("/about/").content.decode()
    assert "Example NET Patient Charity" in html
    assert "1234567" in html
    assert "Not set" not in html


def test_the_how_we_make_page_states_the_review_interval_from_the_settings(client, portal):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.review_interval_months = 18
    site_settings.save()
    html = client.get("/how-we-make-our-information/").content.decode()
    assert "due for its next medical review 18 months after its last one" in html
    assert "Listing is not an endorsement" in html


def test_the_accessibility_statement_names_the_checks_this_project_runs(client, portal):
    html = client.get("/accessibility/").content.decode()
    for check in ("axe-core", "Lighthouse", "keyboard tests", "320 CSS pixels", "29 November 2026"):
        assert check in html


def contact_data(**fields):
    data = {"your_name": "Ada", "your_email_address": "ada@example.org", "your_message": "A typo on the PRRT page."}
    data.update(fields)
    return data


def test_the_contact_form_shows_its_own_note_and_button_and_hides_the_honeypot_once(client, portal):
    html = client.get("/contact/").content.decode()
    assert "we cannot give personal medical advice" in html
    assert ">Send message</button>" in html
    assert "Send suggestion" not in html
    assert html.count('name="homepage"') == 1
    assert html.count('class="form-trap"') == 1


def test_a_valid_contact_message_is_stored_for_staff(client, portal):
    response = client.post("/contact/", contact_data())
    assert response.status_code == 200
    assert "your message has been sent" in response.content.decode()
    submission = FormSubmission.objects.get(page=ContactPage.objects.get(locale__language_code="en"))
    assert submission.get_data()["your_message"] == "A typo on the PRRT page."
    assert "homepage" not in submission.form_data


def test_a_contact_message_with_the_honeypot_filled_is_dropped(client, portal):
    response = client.post("/contact/", contact_data(homepage="http://spam.example/"))
    assert response.status_code == 200
    assert not FormSubmission.objects.exists()


def test_a_too_long_contact_message_is_refused_with_an_error(client, portal):
    response = client.post("/contact/", contact_data(your_message="x" * (CONTACT_MESSAGE_MAX_LENGTH + 1)))
    assert response.status_code == 200
    assert response.context["form"].errors["your_message"]
    assert not FormSubmission.objects.exists()


def test_contact_messages_are_rate_limited_per_address(client, portal):
    for _number in range(CONTACT_MESSAGES_PER_HOUR):
        assert client.post("/contact/", contact_data()).status_code == 200
    response = client.post("/contact/", contact_data())
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert FormSubmission.objects.count() == CONTACT_MESSAGES_PER_HOUR
