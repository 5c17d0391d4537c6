"""Marking glossary terms costs the same SQL queries with 5 terms as with 200: they are read once, together."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import make_term, section

pytestmark = pytest.mark.django_db


def add_terms(first, last):
    for number in range(first, last):
        make_term(f"Term{number}", f"Definition {number}.", other_spellings=f"Term{number}s")


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def counts_with(client, page, number_of_terms, already):
    add_terms(already, number_of_terms)
    page.body = [section("Terms", "<p>" + " ".join(f"Term{n}" for n in range(number_of_terms)) + ".</p>")]
    page.save_revision().publish()
    client.get(page.url)  # the first request after a publish also warms what is unrelated to the glossary
    cache.clear()
    first, html = queries_for(client, page.url)
    again, _ = queries_for(client, page.url)
    return first, again, html.count('class="glossary-term"')


def test_the_query_count_is_the_same_with_5_and_with_200_terms(client, glossary_page, health_page):
    first_with_5, again_with_5, marked_5 = counts_with(client, health_page, 5, 0)
    first_with_200, again_with_200, marked_200 = counts_with(client, health_page, 200, 5)

    assert (marked_5, marked_200) == (5, 200)
    assert first_with_200 == first_with_5
    assert again_with_200 == again_with_5
    # Once read, the terms come from the cache until content is next published.
    assert again_with_5 < first_with_5


def test_approving_a_term_refreshes_the_kept_terms(client, glossary_page, health_page):
    health_page.body = [section("Terms", "<p>PRRT is a treatment.</p>")]
    health_page.save_revision().publish()
    assert 'class="glossary-term"' not in client.get(health_page.url).content.decode()

    term = make_term("PRRT", live=False)
    term.save_revision().publish()  # what the workflow does on approval

    assert 'class="glossary-term"' in client.get(health_page.url).content.decode()
