"""Staff edits to a health page show on the public site as soon as they are published.

The anonymous page cache is on here, as in production: a visitor who has just loaded the page
must see the published edit on the next request, and must not see a draft.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


def edit_form(page, **actions):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": "A summary checked by staff today.",
        "body": streamfield(
            [("section", {"heading": "What is new", "body": rich_text("<p>A sentence staff just added.</p>")})]
        ),
        "references": streamfield([]),
        "related_pages": streamfield([]),
        "last_reviewed": "2026-05-01",
        "next_review_due": "2027-05-01",
        "reviewed_by": "",
        "comments": inline_formset([]),
    }
    if page.specific_class.__name__ == "TreatmentPage":
        data.update({"therapy_name": "", "active_substance": "", "brand_names": "", "approvals": inline_formset([])})
    data.update(actions)
    return nested_form_data(data)


@pytest.mark.parametrize("fixture", ["condition_page", "treatment_page", "information_page"])
def test_a_published_admin_edit_shows_to_visitors_at_once(request, admin_client, page_cache, fixture):
    page = request.getfixturevalue(fixture)
    visitor = Client()
    visitor.get(page.url)
    cached = visitor.get(page.url)
    assert cached["X-Cache"] == "hit"
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    draft = admin_client.post(url, edit_form(page))
    assert draft.status_code == 302
    assert "A sentence staff just added." not in visitor.get(page.url).content.decode()

    published = admin_client.post(url, edit_form(page, **{"action-publish": "publish"}))
    assert published.status_code == 302
    response = visitor.get(page.url)
    html = response.content.decode()
    assert response["X-Cache"] == "miss"
    assert "A sentence staff just added." in html
    assert "A summary checked by staff today." in html
    # Review dates typed into the form are ignored: only a reviewer's approval sets them.
    assert "2027-05-01" not in html
    assert "This page has not yet been medically reviewed." in html
