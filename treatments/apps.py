from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatmentsConfig(AppConfig):
    name = "treatments"
    verbose_name = _("Health information")

    def ready(self):
        from netportal.core.registry import demo_content_loaders

        from . import content

        demo_content_loaders.append((10, content.load))
