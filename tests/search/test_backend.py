"""The search backend follows the database: PostgreSQL full-text search there, SQLite's FTS on SQLite."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

pytestmark = pytest.mark.django_db

EXPECTED_BACKENDS = {"postgresql": "PostgresSearchBackend", "sqlite": "SQLiteSearchBackend"}


def test_search_uses_the_full_text_backend_of_the_database():
    assert type(get_search_backend()).__name__ == EXPECTED_BACKENDS[connection.vendor]
