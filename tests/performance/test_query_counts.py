"""Every public page type renders in the same number of SQL queries, whatever the amount of content.

Each app states its own exact budgets; this test checks them all side by side on the demo
content, then again after the site has grown (more pages in the menus, more health pages,
more associations across many countries), on an uncached site.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from netportal.core.models import HomePage
from organizations.models import Region, Scope
from tests.factories import AssociationFactory, StandardPageFactory
from treatments.models import ConditionPage, InformationPage, TreatmentIndexPage

from .public_pages import PUBLIC_PAGES

pytestmark = pytest.mark.django_db

COUNTRIES = ["DE", "FR", "US", "JP", "BR", "IN", "AU", "ZA", "CA", "SE"]


def queries_for(client, path):
    client.get(path)  # warm Wagtail's site-root cache, as any running server has it
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(context.captured_queries)


def grow_the_site():
    """Many more pages and associations than the demo content has."""
    home = HomePage.objects.get(locale__language_code="en")
    for number in range(20):
        StandardPageFactory(parent=home, title=f"Extra section {number}", show_in_menus=True)
    index = TreatmentIndexPage.objects.get(locale__language_code="en")
    condition = ConditionPage.objects.get(locale__language_code="en")
    for number in range(10):
        for parent in (index, condition):
            page = InformationPage(
                title=f"Extra health page {number}",
                slug=f"extra-health-page-{number}",
                summary="Generated for a query-count test.",
                last_reviewed=datetime.date(2026, 1, 1),
                next_review_due=datetime.date(2027, 1, 1),
            )
            parent.add_child(instance=page)
            page.save_revision().publish()
    region = Region.objects.order_by("sort_order").first()
    for country in COUNTRIES:
        AssociationFactory.create_batch(20, region=region, country=country)
    AssociationFactory.create_batch(
        20, region=region, country="", scope=Scope.MULTINATIONAL, countries_served=COUNTRIES
    )


def test_every_public_page_type_runs_the_same_queries_at_two_data_sizes(client, every_language):
    call_command("load_portal_content", stdout=StringIO())
    small = {page.name: queries_for(client, page.path) for page in PUBLIC_PAGES}
    grow_the_site()
    large = {page.name: queries_for(client, page.path) for page in PUBLIC_PAGES}
    assert large == small
