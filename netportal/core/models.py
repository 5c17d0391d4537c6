"""Core pages, the custom image model and site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Page, Site
from wagtail.search import index

from . import page_cache
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

    admin_form_fields = (
        "title",
        "file",
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
        default="Trustworthy information and patient associations for people affected by neuroendocrine tumours",
    )
    footer_text = models.TextField(_("footer text"), blank=True)
    medical_disclaimer = models.TextField(
        _("medical disclaimer"),
        blank=True,
        help_text=_("Shown at the foot of every page."),
    )
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
        FieldPanel("reading_age_target"),
    ]

    class Meta:
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")

    @classmethod
    def for_request(cls, request):
        """As Wagtail's, but read from the cache until content changes: every page shows them.

        Saving the settings starts a new cache generation (the page cache watches this model)."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        site_settings = page_cache.remember(request, f"site-settings:{site.pk}", lambda: cls.for_site(site))
        site_settings._request = request  # as Wagtail does, for page URLs
        setattr(request, attr_name, site_settings)
        return site_settings

    def __str__(self):
        return self.site_name


class HomePage(Page):
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
        context["sections"] = self.get_children().live().in_menu().specific(defer=True)
        return context


class StandardPage(Page):
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
