"""The site search finds live health pages and published associations, and nothing else."""

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def search(client, query, **extra):
    response = client.get(reverse("search"), {"q": query, **extra})
    assert response.status_code == 200
    return response


def found_pages(response):
    return [page.title for page in response.context["page_results"]] if response.context.get("page_count") else []


def found_associations(response):
    if not response.context.get("association_count"):
        return []
    return [association.name for association in response.context["association_results"]]


def test_search_finds_a_health_page_by_its_title(client, health_pages):
    assert "Neuroendocrine tumours" in found_pages(search(client, "neuroendocrine tumours"))


def test_search_finds_a_health_page_by_words_in_its_body(client, health_pages):
    assert found_pages(search(client, "infusion")) == ["PRRT with Lutathera"]


def test_search_finds_a_health_page_by_its_summary(client, health_pages):
    assert found_pages(search(client, "radionuclide")) == ["PRRT with Lutathera"]


def test_search_finds_a_page_from_the_start_of_a_word(client, health_pages):
    assert found_pages(search(client, "luta")) == ["PRRT with Lutathera"]


def test_search_finds_a_page_from_part_of_a_word_inside_its_text(client, health_pages):
    # The PRRT page names its substance "177Lutetium": "lute" is inside that word.
    assert found_pages(search(client, "lute")) == ["PRRT with Lutathera"]


def test_search_finds_a_page_from_the_start_of_a_word_in_capitals(client, health_pages):
    assert found_pages(search(client, "LUTAT")) == ["PRRT with Lutathera"]


def test_search_finds_an_association_by_its_name(client, directory):
    assert found_associations(search(client, "APTED")) == ["APTED"]


def test_search_finds_an_association_by_part_of_its_name(client, directory):
    assert found_associations(search(client, "Neuroendokrine")) == ["Netzwerk Neuroendokrine Tumoren"]


def test_search_finds_an_association_by_its_former_name(client, directory):
    assert found_associations(search(client, "Carcinoid Selbsthilfe")) == ["Netzwerk Neuroendokrine Tumoren"]


def test_search_finds_associations_by_country_name_national_ones_first(client, directory):
    response = search(client, "Germany")
    assert found_associations(response) == ["Netzwerk Neuroendokrine Tumoren"]
    assert response.context["country"].code == "DE"


def test_search_finds_associations_by_a_country_name_in_another_language(client, directory):
    assert found_associations(search(client, "Deutschland")) == ["Netzwerk Neuroendokrine Tumoren"]


def test_country_search_links_to_the_directorys_country_page(client, directory):
    response = search(client, "France")
    assert response.context["country_url"] == "/patient-associations/country/fra/"
    assert 'href="/patient-associations/country/fra/"' in response.text


def test_search_results_link_to_the_association_detail_page(client, directory):
    response = search(client, "APTED")
    assert 'href="/patient-associations/apted/"' in response.text


def test_search_groups_health_information_and_associations(client, health_pages, directory):
    response = search(client, "tumo")
    assert "Neuroendocrine tumours" in found_pages(response)
    assert "Netzwerk Neuroendokrine Tumoren" in found_associations(response)
    assert 'id="page-results"' in response.text
    assert 'id="association-results"' in response.text


def test_search_never_shows_an_unpublished_page(client, health_pages, draft_page):
    response = search(client, "lutetium")
    assert found_pages(response) == ["PRRT with Lutathera"]
    assert "Unpublished lutetium notes" not in response.text


def test_search_never_shows_a_page_once_it_is_unpublished(client, health_pages):
    health_pages["prrt"].unpublish()
    response = search(client, "Lutathera")
    assert found_pages(response) == []
    assert "PRRT with Lutathera" not in response.text


def test_search_never_shows_the_unpublished_draft_of_a_live_page(client, health_pages):
    prrt = health_pages["prrt"]
    prrt.title = "Secret draft retitling"
    prrt.save_revision()  # a draft: the live page keeps its published title
    assert found_pages(search(client, "Secret draft retitling")) == []
    assert found_pages(search(client, "Lutathera")) == ["PRRT with Lutathera"]


def test_search_never_shows_a_private_page(client, home_page):
    private = StandardPageFactory(parent=home_page, title="Staff only rota")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert found_pages(search(client, "rota")) == []


def test_search_never_shows_an_unpublished_association(client, directory):
    response = search(client, "Hidden Draft Society")
    assert found_associations(response) == []
    assert "/patient-associations/hidden-draft/" not in response.text


def test_country_search_never_shows_an_unpublished_association(client, directory):
    assert "Hidden Draft Society" not in found_associations(search(client, "Germany"))


def test_search_highlights_the_words_found(client, health_pages):
    response = search(client, "radionuclide")
    assert "<mark>radionuclide</mark>" in response.text


def test_search_counts_results(client, health_pages):
    response = search(client, "infusion")
    assert response.context["total"] == 1
    assert "1 result for “infusion”" in response.text


def test_search_pages_through_many_results(client, home_page):
    StandardPageFactory.create_batch(12, parent=home_page, introduction="About pancreatic tumours.")
    first = search(client, "pancreatic")
    second = search(client, "pancreatic", page=2)
    assert len(first.context["page_results"].object_list) == 10
    assert len(second.context["page_results"].object_list) == 2
    assert "page=2" in first.text
    assert 'rel="next"' in first.text


def test_search_with_no_results_suggests_the_spelling(client, health_pages):
    response = search(client, "Lutathra")
    assert response.context["total"] == 0
    assert response.context["suggestion"] == "Lutathera"
    assert "Did you mean" in response.text


def test_search_with_no_results_suggests_the_directory_for_associations(client, health_pages):
    response = search(client, "qwertyuiop")
    assert "Search the directory by the name of a country" in response.text


def test_an_empty_search_shows_the_search_box_and_no_results(client, health_pages):
    response = client.get(reverse("search"))
    assert response.status_code == 200
    assert response.context["total"] == 0
    assert 'id="search-page-q"' in response.text


def test_search_results_are_not_indexed_by_search_engines(client, health_pages):
    assert '<meta name="robots" content="noindex">' in search(client, "tumours").text


def test_search_logs_the_query_for_the_search_terms_report(client, health_pages):
    search(client, "Lutathera")
    search(client, "lutathera ")
    assert Query.objects.get(query_string="lutathera").hits == 2


def test_promoted_result_comes_first(client, health_pages, home_page):
    about = StandardPageFactory(parent=home_page, title="Living with NETs")
    SearchPromotion.objects.create(
        query=Query.get("lutathera"), page=about, sort_order=0, description="Editors' pick for PRRT."
    )
    response = search(client, "Lutathera")
    assert [promotion.page.title for promotion in response.context["promotions"]] == ["Living with NETs"]
    assert response.text.index("Living with NETs") < response.text.index("PRRT with Lutathera")


def test_a_promoted_page_that_is_no_longer_live_is_not_shown(client, health_pages, draft_page):
    SearchPromotion.objects.create(query=Query.get("lutathera"), page=draft_page, sort_order=0)
    response = search(client, "Lutathera")
    assert response.context["promotions"] == []


def test_staff_can_edit_promotions_and_read_the_search_terms_report(admin_client, health_pages):
    search(admin_client, "Lutathera")
    assert admin_client.get(reverse("wagtailsearchpromotions:index")).status_code == 200
    assert admin_client.get(reverse("wagtailsearchpromotions:add")).status_code == 200
    report = admin_client.get(reverse("wagtailsearchpromotions:search_terms"))
    assert report.status_code == 200
    assert "lutathera" in report.text


def test_every_page_has_a_search_box_that_works_without_javascript(client, health_pages):
    response = client.get(health_pages["prrt"].url)
    assert 'role="search"' in response.text
    assert 'action="/search/" method="get"' in response.text
    assert 'name="q"' in response.text
