from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "netportal.governance"
    label = "governance"
    verbose_name = _("Content governance")

    def ready(self):
        from netportal.core.registry import demo_content_loaders
        from organizations import registry

        from . import content, roles, views

        roles.connect_signals()
        demo_content_loaders.append((60, content.load))  # the contact page, after the trust pages
        # Visitors' suggestions in the directory's admin menu, and their details in its forms.
        registry.directory_menu_viewsets.append(views.SuggestionViewSet)
        registry.association_form_prefills.append(views.suggestion_prefill)
