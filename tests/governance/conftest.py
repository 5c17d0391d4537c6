"""Staff of every group, and a small health section and directory to work on."""

import pytest
from django.core.cache import cache

from netportal.governance import roles
from tests.factories import (
    ConditionPageFactory,
    DirectoryPageFactory,
    StaffUserFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits and lockouts live in the cache; every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return StaffUserFactory(username="editor", group_name=roles.EDITORS)


@pytest.fixture
def reviewer(db):
    return StaffUserFactory(
        username="reviewer", first_name="Rita", last_name="Reviewer", group_name=roles.MEDICAL_REVIEWERS
    )


@pytest.fixture
def directory_manager(db):
    return StaffUserFactory(username="directory-manager", group_name=roles.DIRECTORY_MANAGERS)


@pytest.fixture
def administrator(db):
    return StaffUserFactory(username="administrator", group_name=roles.ADMINISTRATORS)


@pytest.fixture
def condition_page(home_page):
    return ConditionPageFactory(parent=home_page, title="Neuroendocrine tumours", slug="neuroendocrine-tumours")


@pytest.fixture
def treatment_index(home_page):
    return TreatmentIndexPageFactory(parent=home_page)


@pytest.fixture
def treatment_page(treatment_index):
    return TreatmentPageFactory(parent=treatment_index, title="PRRT", slug="prrt")


@pytest.fixture
def directory_page(home_page):
    return DirectoryPageFactory(parent=home_page)


def client_for(client, user):
    client.force_login(user)
    return client
