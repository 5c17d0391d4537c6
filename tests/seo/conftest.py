"""A small site for what search engines read: reviewed health pages, a directory, drafts."""

import datetime

import pytest

from tests.factories import (
    AssociationFactory,
    ConditionPageFactory,
    DirectoryPageFactory,
    InformationPageFactory,
    RegionFactory,
    StandardPageFactory,
    TreatmentIndexPageFactory,
    TreatmentPageFactory,
)

REVIEWED = datetime.date(2026, 3, 2)
NEXT_REVIEW = datetime.date(2027, 3, 2)


@pytest.fixture
def health_pages(home_page):
    reviewed = {
        "last_reviewed": REVIEWED,
        "next_review_due": NEXT_REVIEW,
        "reviewed_by": "Dr A. Example",
        "reviewer_role": "oncologist",
    }
    condition = ConditionPageFactory(
        parent=home_page, title="Neuroendocrine tumours", slug="neuroendocrine-tumours", **reviewed
    )
    index = TreatmentIndexPageFactory(parent=home_page)
    prrt = TreatmentPageFactory(
        parent=index,
        title="PRRT",
        slug="prrt",
        therapy_name="Peptide Receptor Radionuclide Therapy (PRRT)",
        active_substance="177Lutetium 177Lu-DOTATATE",
        brand_names="Lutathera",
        **reviewed,
    )
    cup = InformationPageFactory(
        parent=index, title="Compassionate use programme", slug="compassionate-use", **reviewed
    )
    return {"condition": condition, "index": index, "prrt": prrt, "cup": cup}


@pytest.fixture
def draft_page(home_page):
    return StandardPageFactory(parent=home_page, title="Unpublished notes", slug="unpublished-notes", live=False)


@pytest.fixture
def directory(home_page):
    page = DirectoryPageFactory(parent=home_page)
    europe = RegionFactory(name="Europe", slug="europe", sort_order=1)
    worldwide = RegionFactory(name="Worldwide", slug="worldwide", sort_order=5)
    associations = {
        "german": AssociationFactory(
            name="Netzwerk Neuroendokrine Tumoren",
            slug="netzwerk-net",
            acronym="NeT",
            former_names="Carcinoid Selbsthilfe Deutschland",
            subtitle="the carcinoid patient association",
            country="DE",
            region=europe,
        ),
        "european": AssociationFactory(
            name="European patients network",
            slug="european-network",
            scope="multinational",
            country="",
            countries_served=["AT", "BE"],
            region=europe,
        ),
        "worldwide": AssociationFactory(
            name="Worldwide NET alliance", slug="worldwide-alliance", scope="worldwide", country="", region=worldwide
        ),
        "draft": AssociationFactory(name="Hidden Draft Society", slug="hidden-draft", country="PL", live=False),
    }
    return {"page": page, "europe": europe, **associations}
