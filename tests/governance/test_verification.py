"""Directory managers mark associations as verified, one at a time or in bulk, and the history says who."""

import datetime

from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from netportal.governance.verification import VERIFY_ACTION
from organizations.models import Association
from tests.factories import AssociationFactory
from tests.governance.conftest import client_for

LONG_AGO = datetime.date(2024, 1, 15)


def verify_url(association):
    return reverse("governance_admin:verify_association", args=[association.pk])


def bulk_verify_url(*associations):
    ids = "&".join(f"id={association.pk}" for association in associations)
    return reverse("wagtail_bulk_action", args=["organizations", "association", "verify"]) + "?" + ids


def verify_log(association):
    return ModelLogEntry.objects.filter(object_id=str(association.pk), action=VERIFY_ACTION)


def test_verify_asks_for_confirmation_first(client, directory_manager):
    association = AssociationFactory(last_verified=LONG_AGO)
    response = client_for(client, directory_manager).get(verify_url(association))
    assert response.status_code == 200
    assert "Yes, mark as verified" in response.content.decode()
    association.refresh_from_db()
    assert association.last_verified == LONG_AGO


def test_verify_sets_today_and_records_who_did_it(client, directory_manager):
    association = AssociationFactory(last_verified=LONG_AGO)
    response = client_for(client, directory_manager).post(verify_url(association))
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.last_verified == timezone.localdate()
    entry = verify_log(association).get()
    assert entry.user == directory_manager
    assert entry.label == association.name


def test_verification_shows_in_the_association_history(client, directory_manager):
    association = AssociationFactory(last_verified=LONG_AGO)
    client_for(client, directory_manager).post(verify_url(association))
    history = client.get(reverse("wagtailsnippets_organizations_association:history", args=[association.pk]))
    assert "Marked as verified" in history.content.decode()


def test_association_listing_offers_mark_as_verified(client, directory_manager):
    association = AssociationFactory()
    html = client_for(client, directory_manager).get("/admin/snippets/organizations/association/").content.decode()
    assert verify_url(association) in html
    assert reverse("wagtail_bulk_action", args=["organizations", "association", "verify"]) in html


def test_association_editor_offers_mark_as_verified(client, directory_manager):
    association = AssociationFactory()
    edit_url = reverse("wagtailsnippets_organizations_association:edit", args=[association.pk])
    html = client_for(client, directory_manager).get(edit_url).content.decode()
    assert f'href="{verify_url(association)}"' in html


def test_verify_keeps_a_pending_draft_and_dates_it_too(client, directory_manager):
    association = AssociationFactory(last_verified=LONG_AGO, description="Published text.")
    association.save_revision().publish()
    draft = Association.objects.get(pk=association.pk)
    draft.description = "Draft text, not yet published."
    draft.save_revision()

    client_for(client, directory_manager).post(verify_url(association))

    association.refresh_from_db()
    assert association.description == "Published text."
    assert association.last_verified == timezone.localdate()
    assert association.has_unpublished_changes
    latest = association.get_latest_revision_as_object()
    assert latest.description == "Draft text, not yet published."
    assert latest.last_verified == timezone.localdate()


def test_staff_without_directory_rights_cannot_verify(client, editor):
    association = AssociationFactory(last_verified=LONG_AGO)
    response = client_for(client, editor).post(verify_url(association))
    assert response.status_code in (302, 403)
    association.refresh_from_db()
    assert association.last_verified == LONG_AGO
    assert not verify_log(association).exists()


def test_bulk_verify_sets_today_on_every_selected_association(client, directory_manager):
    first, second = AssociationFactory(last_verified=LONG_AGO), AssociationFactory(last_verified=None)
    untouched = AssociationFactory(last_verified=LONG_AGO)
    client_for(client, directory_manager)

    confirmation = client.get(bulk_verify_url(first, second))
    assert confirmation.status_code == 200
    assert first.name in confirmation.content.decode()

    response = client.post(bulk_verify_url(first, second), {"next": "/admin/snippets/organizations/association/"})
    assert response.status_code == 302
    today = timezone.localdate()
    assert Association.objects.get(pk=first.pk).last_verified == today
    assert Association.objects.get(pk=second.pk).last_verified == today
    assert Association.objects.get(pk=untouched.pk).last_verified == LONG_AGO
    assert verify_log(first).get().user == directory_manager
    assert verify_log(second).get().user == directory_manager


def test_bulk_verify_skips_associations_the_user_may_not_change(client, editor):
    association = AssociationFactory(last_verified=LONG_AGO)
    client_for(client, editor).post(bulk_verify_url(association))
    assert Association.objects.get(pk=association.pk).last_verified == LONG_AGO
