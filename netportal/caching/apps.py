from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "netportal.caching"
    label = "caching"
    verbose_name = _("Caching")

    def ready(self):
        from . import invalidation

        invalidation.connect_signals()
