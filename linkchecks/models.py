"""What the last checks of each external address found. Staff see it; visitors never do."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

# A link is called broken only after failing twice, at least this long apart: a site that is
# down for an hour, or a check run from a machine whose network hiccuped, is not a broken link.
BROKEN_AFTER_FAILURES = 2
BROKEN_AFTER = timedelta(days=1)


class CheckedLink(models.Model):
    """One external address the portal links to, with the outcome of its latest check."""

    url = models.URLField(_("address"), max_length=2000, unique=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    final_url = models.URLField(_("final address"), max_length=2000, blank=True)
    proposed_url = models.URLField(
        _("proposed address"),
        max_length=2000,
        blank=True,
        help_text=_("Where the address permanently redirects to; worth using instead."),
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    failures_in_a_row = models.PositiveIntegerField(_("failures in a row"), default=0)
    first_failure_at = models.DateTimeField(_("first failure at"), null=True, blank=True)
    broken_since = models.DateTimeField(_("broken since"), null=True, blank=True)

    class Meta:
        verbose_name = _("checked link")
        verbose_name_plural = _("checked links")
        ordering = ["url"]

    def __str__(self):
        return self.url

    @property
    def is_broken(self):
        return self.broken_since is not None

    def record(self, result, now):
        """Take in one check's `result` (a `checker.CheckResult`) made at `now`."""
        self.checked_at = now
        self.status_code = result.status
        self.error = result.error[:500]
        self.final_url = result.final_url if result.final_url != self.url else ""
        self.proposed_url = result.final_url if result.ok and result.permanent_redirect else ""
        if result.ok:
            self.failures_in_a_row = 0
            self.first_failure_at = None
            self.broken_since = None
            return
        self.failures_in_a_row += 1
        self.first_failure_at = self.first_failure_at or now
        if self.failures_in_a_row >= BROKEN_AFTER_FAILURES and now - self.first_failure_at >= BROKEN_AFTER:
            self.broken_since = self.broken_since or now


class LinkUse(models.Model):
    """Where an address appears: an association's website or a link on a health page."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association website")
        PAGE = "page", _("Health page")

    link = models.ForeignKey(CheckedLink, on_delete=models.CASCADE, related_name="uses", verbose_name=_("link"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveIntegerField(_("object id"))
    title = models.CharField(_("title"), max_length=500)

    class Meta:
        verbose_name = _("link use")
        verbose_name_plural = _("link uses")
        ordering = ["kind", "title"]
        constraints = [
            models.UniqueConstraint(fields=["link", "kind", "object_id"], name="linkchecks_one_use_per_object"),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"
