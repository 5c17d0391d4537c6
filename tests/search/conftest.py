"""A small site to search: health pages, a draft, a directory with associations."""

import pytest

from tests.factories import (
    AssociationFactory,
    ConditionPageFactory,
    DirectoryPageFactory,
    RegionFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)


@pytest.fixture(autouse=True)
def indexed(search_index):
    """Every test here searches what it saved."""


def section(heading, text):
    """Raw StreamField data for one section block."""
    return [{"type": "section", "value": {"heading": heading, "body": f"<p>{text}</p>"}}]


@pytest.fixture
def health_pages(home_page):
    condition = ConditionPageFactory(
        parent=home_page,
        title="Neuroendocrine tumours",
        slug="neuroendocrine-tumours",
        summary="What neuroendocrine tumours are.",
        body=section("Where they are found", "Most often in the pancreas and the lungs."),
    )
    index = TreatmentIndexPageFactory(parent=home_page)
    prrt = TreatmentPageFactory(
        parent=index,
        title="PRRT with Lutathera",
        slug="prrt",
        summary="Peptide receptor radionuclide therapy.",
        therapy_name="Peptide Receptor Radionuclide Therapy (PRRT)",
        active_substance="177Lutetium 177Lu-DOTATATE",
        brand_names="Lutathera",
        body=section("How it is given", "The infusion is given in a specialist centre."),
    )
    return {"condition": condition, "index": index, "prrt": prrt}


@pytest.fixture
def directory(home_page):
    page = DirectoryPageFactory(parent=home_page)
    europe = RegionFactory(name="Europe", slug="europe")
    associations = {
        "carcinoid": AssociationFactory(
            name="Netzwerk Neuroendokrine Tumoren",
            slug="netzwerk-net",
            former_names="Carcinoid Selbsthilfe Deutschland",
            country="DE",
            region=europe,
        ),
        "french": AssociationFactory(name="APTED", slug="apted", country="FR", region=europe),
        "draft": AssociationFactory(name="Hidden Draft Society", slug="hidden-draft", country="DE", live=False),
    }
    return {"page": page, **associations}


@pytest.fixture
def draft_page(home_page):
    return StandardPageFactory(parent=home_page, title="Unpublished lutetium notes", live=False)
