from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "netportal.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self):
        from . import content, demo_translations, languages
        from .registry import demo_content_loaders

        # After the apps' own pages (health pages 10, directory 20): the trust pages link to them.
        demo_content_loaders.append((50, content.load_standard_pages))
        # Last: every page the others made gets its place in each language's tree.
        demo_content_loaders.append((100, languages.load_language_trees))
        # Then the pages the demo has translations for replace their aliases.
        demo_content_loaders.append((110, demo_translations.load_page_translations))
