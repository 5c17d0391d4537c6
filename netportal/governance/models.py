"""Content governance: the medical review task and visitors' suggestions for the directory."""

from django.conf import settings
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.models import AbstractGroupApprovalTask

from netportal.core.models import CachedViewRestrictionsMixin


def review_dates(content_object, today=None):
    """The (last_reviewed, next_review_due) an approval gives a page, from the site's review interval."""
    from netportal.core.models import SiteSettings
    from treatments.models import review_due_after

    today = today or timezone.localdate()
    site = content_object.get_site() if hasattr(content_object, "get_site") else None
    interval = SiteSettings.for_site(site).review_interval_months if site else 12
    return today, review_due_after(today, interval)


class ReviewerProfile(models.Model):
    """How a medical reviewer is named on the pages they approve; kept by administrators."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reviewer_profile",
        verbose_name=_("staff account"),
    )
    display_name = models.CharField(
        _("public name"), max_length=255, help_text=_("As visitors see it, e.g. “Dr Jane Smith”.")
    )
    professional_role = models.CharField(
        _("professional role"), max_length=255, help_text=_("e.g. “consultant oncologist”.")
    )
    registration_number = models.CharField(
        _("professional registration number"),
        max_length=100,
        blank=True,
        help_text=_("Optional, e.g. a medical council number."),
    )
    conflicts_of_interest = models.TextField(
        _("conflicts of interest"),
        blank=True,
        help_text=_("Any interest a reader should know about, or “None declared”."),
    )

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")
        ordering = ["display_name"]

    def __str__(self):
        return f"{self.display_name}, {self.professional_role}"


def reviewer_identity(user):
    """(public name, role) for an approving user: their profile, else their full name and no role."""
    profile = ReviewerProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile.display_name, profile.professional_role
    return user.get_full_name() or str(_("a medical reviewer of this portal")), ""


class ReviewRecord(models.Model):
    """One approval of a health page by a medical reviewer: who, when, which revision, what they said."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="review_records", verbose_name=_("page")
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revision approved"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_records",
        verbose_name=_("reviewer"),
    )
    reviewer_name = models.CharField(_("reviewer's public name"), max_length=255)
    reviewer_role = models.CharField(_("reviewer's role"), max_length=255, blank=True)
    reviewed_on = models.DateField(_("reviewed on"))
    next_review_due = models.DateField(_("next review due"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review record")
        verbose_name_plural = _("review records")
        ordering = ["-reviewed_on", "-created_at"]

    def __str__(self):
        return f"{self.page.title}: {self.reviewer_name}, {self.reviewed_on.isoformat()}"


class MedicalReviewTask(AbstractGroupApprovalTask):
    """A group approval that, when approved, records the review and stamps the page as reviewed today.

    The review fields are written to the page itself before the workflow publishes the approved
    revision; health pages keep them when built from any revision, so nothing else can set them.
    """

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            self.record_review(task_state.workflow_state.content_object, user, kwargs.get("comment", ""))
        return super().on_action(task_state, user, action_name, **kwargs)

    def record_review(self, content_object, user, comment=""):
        """Stamp the page as reviewed today by `user` and keep a review record; None for other objects."""
        from treatments.models import REVIEW_FIELDS

        page = content_object.specific if hasattr(content_object, "specific") else content_object
        if not all(hasattr(page, field) for field in REVIEW_FIELDS):
            return None  # not a health page: nothing to record
        last_reviewed, next_review_due = review_dates(page)
        name, role = reviewer_identity(user)
        values = {
            "last_reviewed": last_reviewed,
            "next_review_due": next_review_due,
            "reviewed_by": name,
            "reviewer_role": role,
        }
        type(page).objects.filter(pk=page.pk).update(**values)
        for field, value in values.items():
            setattr(page, field, value)
        return ReviewRecord.objects.create(
            page=page,
            revision=page.get_latest_revision(),
            reviewer=user,
            reviewer_name=name,
            reviewer_role=role,
            reviewed_on=last_reviewed,
            next_review_due=next_review_due,
            comment=comment or "",
        )

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve the page; approval records the review and its dates.")

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
        APPLIED = "applied", _("Accepted and published")
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


class RateLimitHit(models.Model):
    """One counted form submission, kept only while Redis cannot count (see rate_limit.py)."""

    key = models.CharField(_("key"), max_length=200)
    created_at = models.DateTimeField(_("counted at"))

    class Meta:
        verbose_name = _("rate limit hit")
        verbose_name_plural = _("rate limit hits")
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["key", "created_at"], name="governance_ratelimit_key_time"),
            models.Index(fields=["created_at"], name="governance_ratelimit_time"),
        ]

    def __str__(self):
        return f"{self.key} at {self.created_at:%Y-%m-%d %H:%M:%S}"


# --- Contact page: a Wagtail form page with the suggestion forms' rules ---

CONTACT_MESSAGES_PER_HOUR = 5
CONTACT_WINDOW_SECONDS = 60 * 60
CONTACT_MESSAGE_MAX_LENGTH = 2000


class ContactFormBuilder(FormBuilder):
    """Wagtail's form builder with the length limits the suggestion forms have, and their honeypot."""

    def create_multiline_field(self, field, options):
        options["max_length"] = CONTACT_MESSAGE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def get_field_options(self, field):
        # A label or help text the portal ships (governance.content) reads in the visitor's language;
        # one staff wrote is shown as written.
        options = super().get_field_options(field)
        if field.label:
            options["label"] = gettext(field.label)
        if field.help_text:
            options["help_text"] = conditional_escape(gettext(field.help_text))
        return options

    @property
    def formfields(self):
        from .forms import HONEYPOT_FIELD, honeypot_field

        fields = super().formfields
        fields[HONEYPOT_FIELD] = honeypot_field()
        return fields


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")


class ContactPage(CachedViewRestrictionsMixin, AbstractForm):
    """Contact: messages wait in the admin (Forms); each address may send a few an hour."""

    introduction = models.TextField(_("introduction"), blank=True)
    thank_you_text = models.TextField(
        _("thank-you text"), blank=True, help_text=_("Shown after a message has been sent.")
    )

    form_builder = ContactFormBuilder
    content_panels = [
        *AbstractForm.content_panels,
        FieldPanel("introduction"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("contact page")
        verbose_name_plural = _("contact pages")

    def serve(self, request, *args, **kwargs):
        from .forms import HONEYPOT_FIELD
        from .rate_limit import limit_exceeded

        if request.method == "POST":
            if limit_exceeded(request, "contact", CONTACT_MESSAGES_PER_HOUR, CONTACT_WINDOW_SECONDS):
                response = TemplateResponse(
                    request, "governance/contact_rate_limited.html", self.get_context(request), status=429
                )
                response["Retry-After"] = str(CONTACT_WINDOW_SECONDS)
                return response
            if request.POST.get(HONEYPOT_FIELD, "").strip():
                return self.render_landing_page(request)  # a bot: thanked, nothing stored
        return super().serve(request, *args, **kwargs)

    def process_form_submission(self, form):
        from .forms import HONEYPOT_FIELD

        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        return super().process_form_submission(form)
