"""A small health section under the real home page, as the seed loader builds it."""

import pytest

from tests.factories import (
    ConditionPageFactory,
    InformationPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)


@pytest.fixture
def condition_page(home_page):
    return ConditionPageFactory(parent=home_page, title="Neuroendocrine tumours", show_in_menus=True)


@pytest.fixture
def treatment_index(home_page):
    return TreatmentIndexPageFactory(parent=home_page, show_in_menus=True)


@pytest.fixture
def treatment_page(treatment_index):
    return TreatmentPageFactory(parent=treatment_index, title="PRRT", slug="prrt")


@pytest.fixture
def information_page(treatment_index):
    return InformationPageFactory(parent=treatment_index, title="Compassionate use", slug="compassionate-use")


def section(heading, text="Some text."):
    """Raw StreamField data for one section block."""
    return {"type": "section", "value": {"heading": heading, "body": f"<p>{text}</p>"}}
