"""A read-only panel in the health page editor: how hard the page is to read (advice only)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from netportal.core.models import SiteSettings

from .readability import score_page

DEFAULT_READING_AGE_TARGET = 11


def reading_age_target(page):
    """The target reading age of the site `page` belongs to (11 when it has none yet)."""
    site = page.get_site() if page.pk else None
    return SiteSettings.for_site(site).reading_age_target if site else DEFAULT_READING_AGE_TARGET


class ReadingLevelPanel(Panel):
    """The reading level of the page as last saved, the site's target, its longest sentences and hardest words.

    The editor shows the latest saved revision, so the figures are those of the last save
    (draft, submission or publish); they never stop a save or a publish.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Reading level (advice)"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "treatments/admin/reading_level_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["saved"] = bool(page.pk)
            if page.pk:
                context["level"] = score_page(page)
                context["target"] = reading_age_target(page)
            return context
