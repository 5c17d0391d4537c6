"""The glossary in the admin: a snippet with drafts, revisions, locking and the review workflow."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LiveStatusTagColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import GlossaryTerm


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = _("Glossary")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ("term", "other_spellings", LiveStatusTagColumn(), UpdatedAtColumn())
    list_filter = ("live",)
    search_fields = ("term", "other_spellings")
    # Search these two fields in the database: the site-search index is not kept for terms in tests
    # and on SQLite it has no per-field columns ("no such column: term" before this).
    search_backend_name = None
    ordering = ("term",)


register_snippet(GlossaryTermViewSet)
