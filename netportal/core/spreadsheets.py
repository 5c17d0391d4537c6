"""Spreadsheet-safe exports: a cell a spreadsheet would read as a formula is written as text.

A visitor's suggestion can end up in an association's name or website after a staff "accept";
exported unchanged, `=HYPERLINK(…)` or `=cmd|…` would run when a manager opens the file
(CSV injection). Every CSV and XLSX the portal writes passes its cells through
`spreadsheet_safe()`; JSON exports are left as they are.
"""

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.snippets.views.snippets import IndexView

# What spreadsheet programs treat as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value, with a leading apostrophe when it is text a spreadsheet would evaluate.

    Anything that is not text (numbers, dates, None) is returned unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def from_spreadsheet_safe(value):
    """Undo `spreadsheet_safe()` when reading back a file the portal exported."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def spreadsheet_safe_row(row):
    """A dict row (as csv.DictWriter takes) with every cell made spreadsheet-safe."""
    return {column: spreadsheet_safe(value) for column, value in row.items()}


class SpreadsheetSafeExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export (admin listings and reports) with formula-like cells escaped.

    Goes before the Wagtail view class: `class IndexView(SpreadsheetSafeExportMixin, snippets.IndexView)`.
    """

    def preprocess_field_value(self, field, value, export_format):
        return spreadsheet_safe(super().preprocess_field_value(field, value, export_format))


class SpreadsheetSafeIndexView(SpreadsheetSafeExportMixin, IndexView):
    """A snippet listing whose CSV/XLSX export is spreadsheet-safe: `index_view_class` of a SnippetViewSet."""
