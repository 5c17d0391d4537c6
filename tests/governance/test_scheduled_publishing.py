"""Wagtail's `publish_scheduled` (run from cron) publishes approved changes when their time comes."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from organizations.models import Association
from tests.factories import AssociationFactory


def test_publish_scheduled_publishes_a_health_page_whose_time_has_come(condition_page):
    condition_page.title = "Neuroendocrine tumours (updated)"
    condition_page.save_revision(approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled", verbosity=0)
    condition_page.refresh_from_db()
    assert condition_page.title == "Neuroendocrine tumours (updated)"
    assert not condition_page.has_unpublished_changes


def test_publish_scheduled_waits_for_a_future_go_live_time(condition_page):
    condition_page.title = "Not yet"
    condition_page.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(days=1))
    call_command("publish_scheduled", verbosity=0)
    condition_page.refresh_from_db()
    assert condition_page.title == "Neuroendocrine tumours"


def test_publish_scheduled_publishes_a_scheduled_association(db):
    association = AssociationFactory(live=False, name="Scheduled association")
    association.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    association.save_revision(approved_go_live_at=association.go_live_at)
    call_command("publish_scheduled", verbosity=0)
    assert Association.objects.get(pk=association.pk).live
