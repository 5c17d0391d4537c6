"""Core pages, the custom image model and site-wide settings."""

from django.core.cache import caches
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .blocks import BasicStreamBlock


class CustomImage(AbstractImage):
    """An image with the text a health site owes its readers: alt text, caption and credit."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"), max_length=255, blank=True, help_text=_("Who made or owns the image, e.g. “Courtesy of …”.")
    )
    is_placeholder = models.BooleanField(
        _("placeholder"),
        default=False,
        help_text=_(
            "A stand-in until the original picture arrives. Visitors never see it; staff see it in previews. "
            "Untick once you have uploaded the original file."
        ),
    )

    admin_form_fields = (
        "title",
        "file",
        "is_placeholder",
        "alt_text",
        "caption",
        "credit",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    search_fields = [*AbstractImage.search_fields, index.SearchField("caption"), index.SearchField("credit")]

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def default_alt_text(self):
        return self.alt_text or self.title


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Site-wide text staff can change without a deploy."""

    site_name = models.CharField(_("site name"), max_length=100, default="NET patient portal")
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        default="Information and patient associations for people affected by neuroendocrine tumours",
    )
    footer_text = models.TextField(_("footer text"), blank=True)
    medical_disclaimer = models.TextField(
        _("medical disclaimer"),
        blank=True,
        help_text=_("Shown at the foot of every page."),
    )
    operator_name = models.CharField(
        _("organisation running the portal"),
        max_length=255,
        blank=True,
        help_text=_("Shown on the trust pages (About, Contact, Privacy). Leave empty until confirmed."),
    )
    operator_address = models.TextField(_("postal address"), blank=True)
    charity_number = models.CharField(_("registered charity number"), max_length=100, blank=True)
    funding = models.TextField(_("how the portal is funded"), blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=12,
        help_text=_("How long after a medical review the next review falls due."),
    )
    reading_age_target = models.PositiveSmallIntegerField(
        _("target reading age"),
        default=11,
        help_text=_(
            "Health pages whose estimated reading age (Flesch-Kincaid grade + 5) is above this are listed on the "
            "review dashboard. Advice only: it never stops a page from being published."
        ),
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("tagline"),
        FieldPanel("footer_text"),
        FieldPanel("medical_disclaimer"),
        FieldPanel("review_interval_months"),
        MultiFieldPanel(
            [
                FieldPanel("operator_name"),
                FieldPanel("operator_address"),
                FieldPanel("charity_number"),
                FieldPanel("funding"),
            ],
            heading=_("Who runs the portal"),
        ),
        FieldPanel("reading_age_target"),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    @classmethod
    def for_site(cls, site):
        """As Wagtail's, but kept in the `content` cache until content changes: every page shows
        them, and saving them (a watched model) empties that cache."""
        if site is None:
            return super().for_site(site)
        return caches["content"].get_or_set(f"site-settings:{site.pk}", lambda: super(SiteSettings, cls).for_site(site))

    @property
    def operator_facts(self):
        """(label, value) for each fact about who runs the portal; empty values stay empty, never invented."""
        return [
            (_("Run by"), self.operator_name),
            (_("Address"), self.operator_address),
            (_("Registered charity number"), self.charity_number),
            (_("Funding"), self.funding),
        ]

    def __str__(self):
        return self.site_name


class CachedViewRestrictionsMixin:
    """Page view restrictions without two queries on every request while the site has none.

    Wagtail asks every page it serves for its restrictions (its ancestors, then their
    restrictions). Few sites restrict any page, so whether any restriction exists is kept in the
    `content` cache, which the caching app empties whenever a restriction changes; while there
    is none, the answer is an empty queryset that never reaches the database. Every page type
    of the portal includes this mixin (a test checks it).
    """

    def get_view_restrictions(self):
        if caches["content"].get_or_set("any-page-view-restriction", PageViewRestriction.objects.exists):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


class HomePage(CachedViewRestrictionsMixin, Page):
    """The front page: what the portal offers and where to start."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BasicStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = caches["content"].get_or_set(
            f"home-sections:{self.pk}", lambda: list(self.get_children().live().in_menu().specific(defer=True))
        )
        return context


class StandardPage(CachedViewRestrictionsMixin, Page):
    """A plain page: about, disclaimer, privacy, accessibility statement."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BasicStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
