"""Fixtures for the directory: the page, the seed's regions and associations, a staff client."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.signal_handlers import disable_reference_index_auto_update

from organizations import content as directory_content
from tests.factories import DirectoryPageFactory


@pytest.fixture
def directory_page(home_page):
    """An empty, published directory page under the home page."""
    return DirectoryPageFactory(parent=home_page)


@pytest.fixture
def seeded_directory(home_page):
    """The directory as `load_portal_content` makes it: 5 regions, 41 associations, the page.

    Without Wagtail's reference index (the admin's "usage" counts, which no directory test reads):
    updating it was a fifth of the time of loading the seed, in some 60 tests."""
    with disable_reference_index_auto_update():
        return directory_content.load(home_page, report=lambda message: None)


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("directory-admin", "admin@example.org", "a-long-test-password")
    client.force_login(user)
    return client
