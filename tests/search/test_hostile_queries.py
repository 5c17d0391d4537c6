"""Whatever is typed (or sent) into the search box, the page answers and escapes it."""

import pytest
from django.urls import reverse
from wagtail.models import Page

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = {
    "very long": "tumour " * 300,
    "2,000 characters of one word": "a" * 2000,
    "unbalanced double quote": '"neuroendocrine',
    "unbalanced single quote": "neuroendocrine'",
    "unbalanced brackets": "((PRRT",
    "operator soup": "AND OR NOT AND NEAR OR",
    "operators around words": "NOT PRRT OR AND tumour NOT",
    "lone operator": "NOT",
    "full-text syntax": 'tum* -pancreas +liver "lung" NEAR/2 ^3 title:PRRT',
    "tsquery syntax": "tumour & !liver | (lung <-> pancreas):*",
    "sql injection": "'; DROP TABLE wagtailcore_page; --",
    "sql union": "x' UNION SELECT password FROM auth_user --",
    "sql comment": "PRRT /* comment */ OR 1=1",
    "html script": "<script>alert('search')</script>",
    "html attribute": '"><img src=x onerror=alert(1)>',
    "null byte": "tumour\x00liver",
    "only null bytes": "\x00\x00\x00",
    "control characters": "tumour\x07\x1b[31m",
    "percent and underscore": "%_%_%",
    "backslashes": "\\\\\\",
    "only punctuation": "!@#$%^&*()",
    "right-to-left override": "\u202etumour",
    "emoji": "\U0001f9ec tumour",
    "whitespace only": " \t\n ",
}


@pytest.mark.parametrize("query", HOSTILE_QUERIES.values(), ids=HOSTILE_QUERIES.keys())
def test_hostile_query_answers_without_an_error(client, health_pages, directory, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.text.strip()


@pytest.mark.parametrize(
    "query", ["<script>alert('search')</script>", '"><img src=x onerror=alert(1)>', "<b>bold</b>"], ids=str
)
def test_hostile_query_is_escaped_in_the_page(client, health_pages, query):
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    assert "<b>bold</b>" not in response.text


def test_an_injection_attempt_leaves_the_pages_in_place(client, health_pages):
    pages_before = Page.objects.count()
    client.get(reverse("search"), {"q": "'; DROP TABLE wagtailcore_page; --"})
    assert Page.objects.count() == pages_before
    response = client.get(reverse("search"), {"q": "Lutathera"})
    assert [page.title for page in response.context["page_results"]] == ["PRRT with Lutathera"]


def test_a_long_query_is_cut_to_the_search_box_length(client, health_pages):
    response = client.get(reverse("search"), {"q": "Lutathera " * 200})
    assert len(response.context["search_query"]) <= 200


def test_a_query_in_a_raw_url_with_a_null_byte_and_bad_encoding_answers(client, health_pages):
    response = client.get("/search/?q=%00%ff%fe%27%22PRRT")
    assert response.status_code in (200, 400)


def test_a_non_numeric_results_page_shows_the_first_page(client, health_pages):
    response = client.get(reverse("search"), {"q": "Lutathera", "page": "'; DROP"})
    assert response.status_code == 200
    assert response.context["page_results"].number == 1


def test_a_results_page_beyond_the_last_shows_the_last_page(client, health_pages):
    response = client.get(reverse("search"), {"q": "Lutathera", "page": "99999999999999999999"})
    assert response.status_code == 200
    assert response.context["page_results"].number == 1


def test_search_answers_head_and_refuses_post(client, health_pages):
    assert client.head(reverse("search"), {"q": "PRRT"}).status_code == 200
    assert client.post(reverse("search"), {"q": "PRRT"}).status_code == 405
