from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Directory")

    def ready(self):
        from netportal.caching.invalidation import watch_model
        from netportal.core.registry import demo_content_loaders

        from . import content
        from .models import Association, Region

        demo_content_loaders.append((20, content.load))
        # Shown on public pages without a publish step: region names, and a verification date
        # that staff record on the live association.
        watch_model(Region)
        watch_model(Association)
