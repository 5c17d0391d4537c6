"""Shared fixtures: the demo home page and site, as `load_portal_content` makes them."""

import pytest
from django.core.cache import cache

from netportal.core import content as core_content

# Suites that own a fixed resource (a Redis database number, fixed ports, a named PostgreSQL
# database, a live server and browser) run their tests one after another on one pytest-xdist
# worker, each suite in its own group so they can still run beside each other; every other test
# is spread over the workers (`pytest -n 2 --dist loadgroup`, see the Makefile).
SUITES_WITH_THEIR_OWN_SERVERS = {
    "tests/caching/": "caching",
    "tests/e2e/": "browser",
    "tests/performance/": "performance",
    "tests/security/": "security",
    "tests/governance/test_suggestions.py": "suggestions",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        for prefix, group in SUITES_WITH_THEIR_OWN_SERVERS.items():
            if item.nodeid.startswith(prefix):
                item.add_marker(pytest.mark.xdist_group(group))
                break
        else:
            if item.get_closest_marker("redis"):
                raise pytest.UsageError(f"{item.nodeid} uses Redis but belongs to no group in tests/conftest.py")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: its database is new, so nothing cached may survive.

    (Rolling a test's database back sends no signal, so the cache generation would not move.)"""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    """The real home page at the site root, as a fresh install has it."""
    return core_content.load_home(report=lambda message: None)
