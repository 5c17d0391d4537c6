"""Shared fixtures: the demo home page and site, as `load_portal_content` makes them."""

import pytest

from netportal.core import content as core_content


@pytest.fixture
def home_page(db):
    """The real home page at the site root, as a fresh install has it."""
    return core_content.load_home(report=lambda message: None)
