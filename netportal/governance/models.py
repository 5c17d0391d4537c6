"""Content governance: the medical review task and visitors' suggestions for the directory."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


def review_dates(content_object, today=None):
    """The (last_reviewed, next_review_due) an approval gives a page, from the site's review interval."""
    from netportal.core.models import SiteSettings
    from treatments.models import review_due_after

    today = today or timezone.localdate()
    site = content_object.get_site() if hasattr(content_object, "get_site") else None
    interval = SiteSettings.for_site(site).review_interval_months if site else 12
    return today, review_due_after(today, interval)


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval that, when approved, stamps the page as medically reviewed today.

    The dates are written into the revision that the workflow then publishes, so the live
    page and its history both carry them.
    """

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            self.stamp_review(task_state.workflow_state.content_object)
        return super().on_action(task_state, user, action_name, **kwargs)

    def stamp_review(self, content_object):
        revision = content_object.get_latest_revision()
        if revision is None or "last_reviewed" not in revision.content:
            return  # not a health page: nothing to stamp
        last_reviewed, next_review_due = review_dates(content_object)
        revision.content["last_reviewed"] = last_reviewed.isoformat()
        revision.content["next_review_due"] = next_review_due.isoformat()
        revision.save(update_fields=["content"])

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve the page; approval sets its review dates.")

    class Meta:
        verbose_name = _("medical review task")
        verbose_name_plural = _("medical review tasks")


class Suggestion(models.Model):
    """A visitor's correction to an association, or a proposed new association."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        NEW = "new", _("New association")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    association = models.ForeignKey(
        "organizations.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("association"),
    )
    name = models.CharField(_("association name"), max_length=255, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("association email"), blank=True)
    message = models.TextField(_("message"), max_length=2000)
    contact_email = models.EmailField(
        _("your email"), blank=True, help_text=_("Only if you would like us to reply. Never published.")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-created_at"]

    def __str__(self):
        subject = self.association.name if self.association else self.name
        return f"{self.get_kind_display()}: {subject}" if subject else str(self.get_kind_display())
