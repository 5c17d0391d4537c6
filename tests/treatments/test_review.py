import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.factories import ConditionPageFactory, InformationPageFactory
from treatments.models import ConditionPage, review_due_after

pytestmark = pytest.mark.django_db

REVIEW_ERROR = "The next review must be after the last review"


def test_next_review_on_or_before_last_review_is_refused(condition_page):
    condition_page.last_reviewed = datetime.date(2026, 5, 1)
    for next_review in (datetime.date(2026, 5, 1), datetime.date(2026, 4, 30)):
        condition_page.next_review_due = next_review
        with pytest.raises(ValidationError) as error:
            condition_page.full_clean()
        assert REVIEW_ERROR in error.value.message_dict["next_review_due"][0]


def test_next_review_after_last_review_is_accepted(condition_page):
    condition_page.last_reviewed = datetime.date(2026, 5, 1)
    condition_page.next_review_due = datetime.date(2026, 5, 2)
    condition_page.full_clean()


def admin_page_data(**fields):
    data = {
        "title": "Living with NETs",
        "slug": "living-with-nets",
        "summary": "",
        "body": streamfield([]),
        "references": streamfield([]),
        "related_pages": streamfield([]),
        "last_reviewed": "2026-05-01",
        "next_review_due": "2026-04-01",
        "reviewed_by": "Dr A. Example, oncologist",
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(fields)
    return nested_form_data(data)


def test_review_fields_typed_into_a_new_page_are_ignored(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=("treatments", "conditionpage", home_page.pk))
    response = admin_client.post(url, admin_page_data(next_review_due="2027-05-01"))
    assert response.status_code == 302
    page = ConditionPage.objects.get(locale__language_code="en")
    assert page.live
    assert (page.last_reviewed, page.next_review_due, page.reviewed_by, page.reviewer_role) == (None, None, "", "")


def test_the_editor_shows_the_review_fields_read_only(admin_client, home_page):
    page = ConditionPageFactory(parent=home_page, reviewed=True)
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    form = response.context["form"]
    assert not {"last_reviewed", "next_review_due", "reviewed_by", "reviewer_role"} & set(form.fields)
    html = response.content.decode()
    assert "Dr Jane Example" in html
    assert 'name="reviewed_by"' not in html


def test_visitors_see_when_the_page_was_reviewed_and_by_whom(client, home_page):
    page = ConditionPageFactory(
        parent=home_page,
        last_reviewed=datetime.date(2026, 1, 15),
        next_review_due=datetime.date(2099, 1, 15),
        reviewed_by="Dr A. Example",
        reviewer_role="oncologist",
    )
    html = client.get(page.url).content.decode()
    assert 'Reviewed by Dr A. Example, oncologist on <time datetime="2026-01-15">15 January 2026</time>.' in html
    assert 'Next review due: <time datetime="2099-01-15">15 January 2099</time>.' in html
    assert "not yet been medically reviewed" not in html
    assert "overdue" not in html


def test_a_page_never_approved_says_it_has_not_been_medically_reviewed(client, home_page):
    page = ConditionPageFactory(parent=home_page)
    html = client.get(page.url).content.decode()
    assert "This page has not yet been medically reviewed." in html
    assert "Reviewed by" not in html
    assert "Next review due" not in html


def test_a_page_overdue_for_review_still_shows_with_its_dates(client, home_page):
    page = InformationPageFactory(
        parent=home_page,
        last_reviewed=datetime.date(2020, 3, 1),
        next_review_due=datetime.date(2021, 3, 1),
        reviewed_by="Dr A. Example",
    )
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 March 2020" in html
    assert "1 March 2021" in html
    assert "This page is overdue for review." in html


def test_sources_list_shows_each_reference_marked_as_external(client, condition_page):
    condition_page.references = [
        {
            "type": "reference",
            "value": {
                "title": "A guideline",
                "publisher": "A society",
                "year": 2024,
                "url": "https://society.example/",
            },
        },
        {"type": "reference", "value": {"title": "A printed book", "publisher": "", "year": None, "url": ""}},
    ]
    condition_page.save_revision().publish()
    html = client.get(condition_page.url).content.decode()
    assert '<h2 id="sources">Sources</h2>' in html
    assert 'href="https://society.example/" rel="external noopener">A guideline' in html
    assert "(external website)" in html
    assert "A society, 2024." in html
    assert "A printed book" in html
    assert 'target="_blank"' not in html


def test_a_page_without_references_has_no_sources_heading(client, condition_page):
    assert "Sources" not in client.get(condition_page.url).content.decode()


@pytest.mark.parametrize(
    ("last_reviewed", "months", "expected"),
    [
        (datetime.date(2026, 11, 25), 12, datetime.date(2027, 11, 25)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
    ],
)
def test_next_review_falls_the_given_number_of_months_later(last_reviewed, months, expected):
    assert review_due_after(last_reviewed, months) == expected


def test_a_refused_edit_leaves_the_live_page_and_its_revisions_alone(admin_client, condition_page):
    revisions = condition_page.revisions.count()
    url = reverse("wagtailadmin_pages:edit", args=[condition_page.pk])
    data = admin_page_data(title="", slug=condition_page.slug)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    condition_page.refresh_from_db()
    assert condition_page.title == "Neuroendocrine tumours"
    assert condition_page.revisions.count() == revisions
    assert not condition_page.has_unpublished_changes


def home_with_latest_reviewed(home_page):
    home_page.body = [{"type": "latest_reviewed_pages", "value": {"heading": "", "limit": 5}}]
    home_page.save_revision().publish()


def test_recently_reviewed_lists_only_approved_pages(client, home_page):
    home_with_latest_reviewed(home_page)
    reviewed = ConditionPageFactory(parent=home_page, title="Approved page", reviewed=True)
    unreviewed = InformationPageFactory(parent=home_page, title="Never approved page")
    html = client.get("/").content.decode()
    assert f'href="{reviewed.url}"' in html
    assert f'href="{unreviewed.url}"' not in html


def test_recently_reviewed_says_so_when_no_page_has_been_reviewed(client, home_page):
    home_with_latest_reviewed(home_page)
    InformationPageFactory(parent=home_page, title="Never approved page")
    html = client.get("/").content.decode()
    assert "Recently reviewed health information" in html
    assert "No health page has been medically reviewed yet." in html
