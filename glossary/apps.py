from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = _("Glossary")

    def ready(self):
        from netportal.core.registry import demo_content_loaders

        from . import content

        demo_content_loaders.append((15, content.load))  # after the health pages it links to
