"""Glossary terms, the A to Z page and a health page that uses the terms."""

import pytest

from glossary.models import GlossaryPage, GlossaryTerm
from netportal.governance import roles
from tests.factories import ConditionPageFactory, StaffUserFactory


def make_term(term, definition="A plain definition.", other_spellings="", live=True, **fields):
    """A glossary term saved straight to the database: live (as after approval) or a draft."""
    glossary_term = GlossaryTerm(
        term=term, other_spellings=other_spellings, definition=f"<p>{definition}</p>", live=live, **fields
    )
    glossary_term.save()
    glossary_term.save_revision()
    return glossary_term


def section(heading, text):
    return {"type": "section", "value": {"heading": heading, "body": text}}


@pytest.fixture
def glossary_page(home_page):
    page = GlossaryPage(title="Glossary", slug="glossary", introduction="Words used on this site, explained.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def health_page(home_page):
    return ConditionPageFactory(parent=home_page, title="Neuroendocrine tumours", slug="neuroendocrine-tumours")


@pytest.fixture
def editor(db):
    return StaffUserFactory(username="editor", group_name=roles.EDITORS)


@pytest.fixture
def reviewer(db):
    return StaffUserFactory(username="reviewer", group_name=roles.MEDICAL_REVIEWERS)
