"""Shared fixtures: the demo home page and site, as `load_portal_content` makes them."""

import pytest
from django.core.cache import cache

from netportal.core import content as core_content


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: its database is new, so nothing cached may survive.

    (Rolling a test's database back sends no signal, so the cache generation would not move.)"""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def search_index(settings):
    """Site search indexes what tests save, as it does outside tests (test settings turn it off)."""
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**backend, "AUTO_UPDATE": True} for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }


@pytest.fixture
def home_page(db):
    """The real home page at the site root, as a fresh install has it."""
    return core_content.load_home(report=lambda message: None)


@pytest.fixture
def every_language(settings):
    """The demo content in every language (test settings load English only, to save time)."""
    settings.DEMO_CONTENT_LANGUAGES = [code for code, _name in settings.LANGUAGES]
