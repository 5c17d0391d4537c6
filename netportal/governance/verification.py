"""Marking an association's details as checked today, with the staff member in its history."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

VERIFY_ACTION = "governance.verify"
VERIFY_ACTION_LABEL = _("Mark as verified")
VERIFY_ACTION_MESSAGE = _("Marked as verified")


def mark_verified(association, user, today=None):
    """Set `last_verified` to today on the live record and on any pending draft, and log who did it.

    No publish step: checking details changes nothing else, and an unrelated draft must not go
    live with it. The draft gets the date too, so publishing it later does not undo the check.
    """
    today = today or timezone.localdate()
    association.last_verified = today
    association.save(update_fields=["last_verified"])
    if association.has_unpublished_changes and association.latest_revision_id:
        draft = association.get_latest_revision().as_object()
        draft.last_verified = today
        draft.save_revision(user=user, clean=False)
    log(association, VERIFY_ACTION, user=user)
    return association
