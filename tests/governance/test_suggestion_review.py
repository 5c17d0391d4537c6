"""A suggestion opens read-only beside the association's current values; accepting and publishing
records who checked it, and when, in the association's history."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from netportal.governance.models import Suggestion
from netportal.governance.verification import VERIFY_ACTION
from netportal.governance.views import APPLY_ACTION
from organizations.models import Association
from tests.factories import AssociationFactory, RegionFactory, SuggestionFactory
from tests.governance.conftest import client_for

LISTING = "/admin/snippets/governance/suggestion/"


@pytest.fixture
def association(directory_page):
    return AssociationFactory(
        name="Example association",
        slug="example-association",
        website="https://example.org/",
        region=RegionFactory(name="Europe", slug="europe"),
    )


@pytest.fixture
def correction(association):
    return SuggestionFactory(
        kind=Suggestion.Kind.CORRECTION,
        association=association,
        name=association.name,
        website="https://example.org/moved",
        message="The website moved last month.",
    )


def edit_form(association, **changes):
    data = {
        "name": association.name,
        "slug": association.slug,
        "scope": association.scope,
        "country": association.country.code,
        "region": association.region_id,
        "website": association.website,
        "action-publish": "action-publish",
    }
    data.update(changes)
    return data


def history(association):
    return ModelLogEntry.objects.for_instance(association).order_by("timestamp")


def test_a_suggestion_opens_read_only_from_the_listing(client, directory_manager, correction):
    html = client_for(client, directory_manager).get(LISTING).content.decode()
    inspect_url = reverse("wagtailsnippets_governance_suggestion:inspect", args=[correction.pk])
    edit_url = reverse("wagtailsnippets_governance_suggestion:edit", args=[correction.pk])
    assert f'href="{inspect_url}"' in html
    title_link = html[html.index(str(correction)) - 300 : html.index(str(correction))]
    assert edit_url not in title_link


def test_the_suggestion_shows_the_visitor_text_beside_the_current_values(client, directory_manager, correction):
    client_for(client, directory_manager)
    html = client.get(reverse("wagtailsnippets_governance_suggestion:inspect", args=[correction.pk])).content.decode()
    assert "The website moved last month." in html
    row = html[html.index('<th scope="row">Website</th>') :]
    row = row[: row.index("</tr>")]
    assert row.index("https://example.org/") < row.index("<strong>https://example.org/moved</strong>")
    assert reverse("governance_admin:accept_suggestion", args=[correction.pk]) in html
    assert reverse("governance_admin:reject_suggestion", args=[correction.pk]) in html


def test_a_handled_suggestion_offers_no_accept_or_reject(client, directory_manager, correction):
    correction.status = Suggestion.Status.REJECTED
    correction.save()
    client_for(client, directory_manager)
    html = client.get(reverse("wagtailsnippets_governance_suggestion:inspect", args=[correction.pk])).content.decode()
    assert reverse("governance_admin:accept_suggestion", args=[correction.pk]) not in html


def test_accepting_then_publishing_records_who_checked_it_and_when(client, directory_manager, correction, association):
    client_for(client, directory_manager)
    response = client.post(reverse("governance_admin:accept_suggestion", args=[correction.pk]))
    edit_url = response["Location"]
    page = client.get(edit_url)
    assert f'action="{edit_url}"' in page.content.decode()  # the form posts back with the suggestion
    response = client.post(edit_url, edit_form(association, website="https://example.org/moved"))
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.website == "https://example.org/moved"
    assert association.last_verified == timezone.localdate()
    correction.refresh_from_db()
    assert correction.status == Suggestion.Status.APPLIED
    entries = {entry.action: entry for entry in history(association)}
    assert entries[APPLY_ACTION].user == directory_manager
    assert entries[APPLY_ACTION].data == {"suggestion": correction.pk}
    assert entries[VERIFY_ACTION].user == directory_manager
    assert entries[APPLY_ACTION].timestamp.date() == timezone.localdate()
    html = client.get(reverse("wagtailsnippets_organizations_association:history", args=[association.pk]))
    assert "Published with a visitor" in html.content.decode()


def test_saving_a_draft_from_a_suggestion_records_no_verification(client, directory_manager, correction, association):
    client_for(client, directory_manager)
    edit_url = client.post(reverse("governance_admin:accept_suggestion", args=[correction.pk]))["Location"]
    data = edit_form(association, website="https://example.org/moved")
    del data["action-publish"]
    client.post(edit_url, data)
    association.refresh_from_db()
    assert association.last_verified is None
    assert not history(association).filter(action=APPLY_ACTION).exists()
    correction.refresh_from_db()
    assert correction.status == Suggestion.Status.ACCEPTED


def test_a_new_association_published_from_a_suggestion_is_linked_and_verified(client, directory_manager, association):
    suggestion = SuggestionFactory(name="Irish NET group", country="Ireland", website="https://example.ie/")
    client_for(client, directory_manager)
    add_url = client.post(reverse("governance_admin:accept_suggestion", args=[suggestion.pk]))["Location"]
    assert f'action="{add_url}"' in client.get(add_url).content.decode()
    data = {
        "name": "Irish NET group",
        "slug": "irish-net-group",
        "scope": "national",
        "country": "IE",
        "region": "",
        "website": "https://example.ie/",
        "action-publish": "action-publish",
    }
    assert client.post(add_url, data).status_code == 302
    created = Association.objects.get(slug="irish-net-group")
    assert created.live and created.last_verified == timezone.localdate()
    assert created.region.slug == "europe"  # taken from the country
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.association) == (Suggestion.Status.APPLIED, created)
    assert history(created).filter(action=APPLY_ACTION, user=directory_manager).exists()


def test_rejecting_from_the_suggestion_page_records_it_and_changes_nothing(client, directory_manager, correction):
    client_for(client, directory_manager)
    response = client.post(reverse("governance_admin:reject_suggestion", args=[correction.pk]))
    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.status == Suggestion.Status.REJECTED
    assert ModelLogEntry.objects.for_instance(correction).filter(user=directory_manager).exists()
    assert correction.association.website == "https://example.org/"
