import pytest
from django.urls import reverse
from wagtail.models import Page

from netportal.core.models import HomePage, StandardPage
from tests.factories import ConditionPageFactory, TreatmentApprovalFactory, TreatmentPageFactory
from treatments.models import ConditionPage, InformationPage, TreatmentIndexPage, TreatmentPage

from .conftest import section

pytestmark = pytest.mark.django_db


def test_condition_page_renders_title_summary_and_sections(client, condition_page):
    condition_page.body = [section("What NETs are", "Rare cancers.")]
    condition_page.save_revision().publish()
    response = client.get(condition_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Neuroendocrine tumours</h1>" in html
    assert condition_page.summary in html
    assert '<h2 id="what-nets-are">What NETs are</h2>' in html
    assert "Rare cancers." in html
    assert response.templates[0].name == "treatments/condition_page.html"


def test_treatment_index_lists_its_published_pages_with_summaries(
    client, treatment_index, treatment_page, information_page
):
    draft = TreatmentPageFactory(parent=treatment_index, title="Unpublished therapy", live=False)
    html = client.get(treatment_index.url).content.decode()
    assert f'href="{treatment_page.url}"' in html
    assert f'href="{information_page.url}"' in html
    assert treatment_page.summary in html
    assert draft.title not in html


def test_treatment_page_shows_structured_fields_and_approvals(client, treatment_page):
    treatment_page.brand_names = "Lutathera®, Otherbrand"
    treatment_page.save()
    TreatmentApprovalFactory(page=treatment_page, agency="European Medicines Agency (EMA)", product="Lutathera®")
    TreatmentApprovalFactory(
        page=treatment_page,
        agency="Another agency",
        product="Otherbrand",
        year=2020,
        indication="An indication",
        source_url="https://regulator.example/decision",
    )
    html = client.get(treatment_page.url).content.decode()
    assert treatment_page.therapy_name in html
    assert "Example substance" in html
    assert "Lutathera®, Otherbrand" in html
    assert "<strong>European Medicines Agency (EMA)</strong>: Lutathera®\n" in html
    assert "Otherbrand (2020). Approved for: An indication." in html
    assert 'href="https://regulator.example/decision" rel="external noopener"' in html


def test_treatment_page_without_approvals_has_no_empty_approvals_section(client, treatment_page):
    html = client.get(treatment_page.url).content.decode()
    assert "Regulatory approvals" not in html


def test_information_page_renders_with_callout(client, information_page):
    information_page.body = [
        {"type": "callout", "value": {"kind": "ask_your_doctor", "heading": "", "text": "<p>Ask them.</p>"}}
    ]
    information_page.save_revision().publish()
    html = client.get(information_page.url).content.decode()
    assert 'class="callout callout--ask_your_doctor"' in html
    assert "Ask your doctor" in html
    assert "Ask them." in html


@pytest.mark.parametrize(
    ("page_class", "allowed_parents", "refused_parents"),
    [
        (ConditionPage, [HomePage], [TreatmentIndexPage, TreatmentPage, StandardPage]),
        (TreatmentIndexPage, [HomePage], [ConditionPage, TreatmentIndexPage, StandardPage]),
        (TreatmentPage, [TreatmentIndexPage], [HomePage, ConditionPage, InformationPage, StandardPage]),
        (InformationPage, [HomePage, TreatmentIndexPage, ConditionPage], [TreatmentPage, StandardPage]),
    ],
)
def test_health_pages_can_only_be_placed_under_their_parents(page_class, allowed_parents, refused_parents):
    parents = set(page_class.allowed_parent_page_models())
    assert set(allowed_parents) <= parents
    assert not parents & set(refused_parents)


def test_treatment_and_information_pages_cannot_have_children():
    assert TreatmentPage.allowed_subpage_models() == []
    assert InformationPage.allowed_subpage_models() == []


def test_only_one_treatment_index_can_exist(treatment_index, home_page):
    assert not TreatmentIndexPage.can_create_at(home_page)


def test_admin_refuses_a_treatment_page_directly_under_the_home_page(admin_client, home_page):
    url = reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", home_page.pk))
    response = admin_client.get(url)
    # Wagtail answers a refused page type by sending the editor back to the dashboard.
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not TreatmentPage.objects.exists()


def test_admin_offers_treatment_pages_under_the_treatment_index(admin_client, treatment_index):
    url = reverse("wagtailadmin_pages:add", args=("treatments", "treatmentpage", treatment_index.pk))
    assert admin_client.get(url).status_code == 200


def test_health_pages_are_found_by_site_search_fields():
    indexed = {field.field_name for field in ConditionPage.search_fields}
    assert {"title", "summary", "body"} <= indexed
    autocomplete = [field for field in TreatmentPage.search_fields if type(field).__name__ == "AutocompleteField"]
    assert [field.field_name for field in autocomplete] == ["title"]


def test_health_pages_in_menus_appear_in_navigation_and_home_cards(client, home_page, condition_page, treatment_index):
    condition_page.search_description = "What NETs are."
    condition_page.save()
    html = client.get("/").content.decode()
    assert html.count(f'href="{condition_page.url}"') >= 2  # navigation and "Where to start"
    assert f'href="{treatment_index.url}"' in html
    assert "What NETs are." in html


def test_condition_page_factory_builds_a_live_page_under_the_home_page(home_page):
    page = ConditionPageFactory(parent=home_page)
    assert page.live
    assert Page.objects.get(pk=page.pk).get_parent().specific == home_page
