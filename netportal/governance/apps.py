from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "netportal.governance"
    label = "governance"
    verbose_name = _("Content governance")

    def ready(self):
        from . import roles

        roles.connect_signals()
