"""The directory's searches can use an index on PostgreSQL instead of reading every association."""

import pytest
from django.db import connection

from organizations import directory

from .test_query_counts import add_generated_associations

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes"),
]


@pytest.fixture
def big_directory(seeded_directory):
    """2,000 associations, with fresh planner statistics."""
    add_generated_associations(2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE organizations_association")


def plan(queryset):
    """The query plan with sequential scans ruled out, as on a directory too big to read whole."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def test_name_search_has_a_trigram_index_on_the_expressions_it_filters(db):
    # Whether the planner takes it depends on the directory's size (at 5,000 associations it
    # does: bench/README.md); what must hold is that it covers the same expressions as the query.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'organizations_association_name_trgm'")
        (definition,) = cursor.fetchone()
    assert "USING gin" in definition
    for column in ("name", "former_names", "acronym"):
        assert f"upper(({column})::text) gin_trgm_ops" in definition
    query = str(directory.matching_name("Karzinoid").query)
    for column in ("name", "former_names", "acronym"):
        assert f'UPPER("organizations_association"."{column}"::text)' in query


def test_country_search_uses_the_scope_and_country_index(big_directory):
    assert "organizations_scope_country" in plan(directory.serving_country("DE"))
