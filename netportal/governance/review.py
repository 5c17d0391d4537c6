"""What needs a reviewer's attention: health pages due for review, associations not verified lately."""

import datetime
from operator import attrgetter

from django.db.models import F, Q
from django.utils import timezone

from organizations.models import Association
from treatments.models import ConditionPage, InformationPage, TreatmentPage, review_due_after
from treatments.readability import score_page

# A health page shows on the dashboard this many days before its review falls due.
REVIEW_WARNING_DAYS = 30
# An association's details count as stale this many months after they were last checked.
VERIFICATION_MONTHS = 12

HEALTH_PAGE_MODELS = (ConditionPage, TreatmentPage, InformationPage)


def pages_due_for_review(today=None):
    """Live health pages whose next review is past or within 30 days, soonest first.

    Aliases in other languages' trees are left out: reviewing the original reviews them."""
    limit = (today or timezone.localdate()) + datetime.timedelta(days=REVIEW_WARNING_DAYS)
    pages = []
    for model in HEALTH_PAGE_MODELS:
        pages.extend(
            model.objects.live()
            .filter(next_review_due__lte=limit, alias_of__isnull=True)
            .select_related("locale")
            .only("id", "title", "next_review_due", "last_reviewed", "content_type_id", "locale__language_code")
        )
    return sorted(pages, key=attrgetter("next_review_due", "title"))


def pages_above_reading_age(target):
    """(page, reading level) of every health page whose text is scored above `target`, hardest first.

    Pages are scored as stored: the live version of published pages, the first draft of others."""
    scored = []
    for model in HEALTH_PAGE_MODELS:
        for page in model.objects.filter(alias_of__isnull=True).select_related("locale").order_by("path"):
            level = score_page(page)
            if level.above(target):
                scored.append((page, level))
    return sorted(scored, key=lambda item: (-item[1].reading_age, item[0].title))


def verification_cutoff(today=None):
    return review_due_after(today or timezone.localdate(), -VERIFICATION_MONTHS)


def associations_to_verify(today=None):
    """Live associations never verified or last verified more than 12 months ago, oldest first."""
    cutoff = verification_cutoff(today)
    return (
        Association.objects.filter(live=True)
        .filter(Q(last_verified__lt=cutoff) | Q(last_verified__isnull=True))
        .order_by(F("last_verified").asc(nulls_first=True), "name")
        .only("id", "name", "last_verified", "country")
    )
