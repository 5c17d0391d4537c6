from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "netportal.governance"
    label = "governance"
    verbose_name = _("Content governance")

    def ready(self):
        from organizations import registry

        from . import roles, views

        roles.connect_signals()
        # Visitors' suggestions in the directory's admin menu, and their details in its forms.
        registry.directory_menu_viewsets.append(views.SuggestionViewSet)
        registry.association_form_prefills.append(views.suggestion_prefill)
