"""Placeholder images never reach visitors; staff see them, and what is waiting, in previews."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from netportal.core.models import CustomImage
from netportal.governance import roles
from tests.factories import CustomImageFactory, StaffUserFactory
from treatments import content
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def prrt_page(home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    content.load(home_page, lambda message: None)
    return TreatmentPage.objects.get(locale__language_code="en")


def preview_html(page, user):
    request = RequestFactory().get(page.url)
    request.user = user
    response = page.make_preview_request(original_request=request)
    response.render()
    return response.content.decode()


def test_the_loaded_placeholder_images_are_marked_as_placeholders(prrt_page):
    assert CustomImage.objects.filter(is_placeholder=True).count() == 3
    assert len(prrt_page.placeholder_images) == 3


def test_visitors_see_the_image_series_as_text_without_placeholders(client, prrt_page):
    html = client.get(prrt_page.url).content.decode()
    assert "prrt-placeholder" not in html
    assert "<picture" not in html
    assert "placeholder image" not in html.lower()
    assert "staff will replace" not in html
    assert 'class="case-description"' in html
    assert content.IMAGE_SERIES_CAPTION in html
    assert html.count(content.IMAGE_CREDIT) == 1


def test_the_image_series_carries_a_caution_callout(client, prrt_page):
    html = client.get(prrt_page.url).content.decode()
    assert "These pictures show one person&#x27;s result." in html or "These pictures show one person's result." in html
    assert "ask your specialist team" in html


def test_staff_see_placeholders_and_what_waits_in_a_preview(admin_user, prrt_page):
    html = preview_html(prrt_page, admin_user)
    assert html.count("<picture") == 3
    assert "3 placeholder images waiting for the originals" in html
    for image in prrt_page.placeholder_images:
        assert reverse("wagtailimages:edit", args=[image.pk]) in html


def test_a_real_image_in_a_series_is_shown_to_visitors(client, prrt_page):
    real = CustomImageFactory(title="Original picture")
    body = prrt_page.body.raw_data
    series = next(block for block in body if block["type"] == "image_series")
    series["value"]["images"][0]["image"] = real.pk
    prrt_page.body = body
    prrt_page.save_revision().publish()
    html = client.get(prrt_page.url).content.decode()
    assert html.count("<picture") == 1
    assert 'class="case-description"' not in html


def test_the_dashboard_lists_the_placeholder_images_with_links(admin_client, prrt_page):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "3 placeholder images waiting for the originals" in html
    for image in prrt_page.placeholder_images:
        assert reverse("wagtailimages:edit", args=[image.pk]) in html


def test_a_reviewer_is_warned_before_approving_a_page_with_placeholders(client, prrt_page):
    reviewer = StaffUserFactory(username="reviewer", group_name=roles.MEDICAL_REVIEWERS)
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[prrt_page.pk])).content.decode()
    assert "This page still uses 3 placeholder images." in html
