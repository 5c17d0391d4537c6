from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkChecksConfig(AppConfig):
    """Link health: association websites and health pages' external links, checked in the background."""

    name = "linkchecks"
    verbose_name = _("Link checks")
    default_auto_field = "django.db.models.BigAutoField"
