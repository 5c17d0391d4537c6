from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "site_search"
    verbose_name = _("Site search")

    def ready(self):
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from netportal.caching.invalidation import watch_model

        # Promoted results appear on result pages and have no publish step.
        watch_model(SearchPromotion)
