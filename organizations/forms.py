"""The association editor's form: a duplicate warning, the region taken from the country and a
searchable list of checkboxes for long multiple choices (countries served, languages)."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country
from wagtail.admin.forms import WagtailAdminModelForm

from .country_search import normalize
from .geography import default_region


class FilteredCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in a scrolling box with a filter field above them (static/js/checkbox-filter.js).

    Without JavaScript it is an ordinary list of checkboxes; the filter field stays hidden.
    """

    def render(self, name, value, attrs=None, renderer=None):
        checkboxes = super().render(name, value, attrs, renderer)
        field_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        return format_html(
            '<div class="filtered-checkboxes" data-filtered-checkboxes>'
            '<div class="filtered-checkboxes__filter" hidden>'
            '<label for="{id}-filter">{label}</label> '
            '<input type="search" id="{id}-filter" autocomplete="off" data-filter-input>'
            '<p class="filtered-checkboxes__summary" aria-live="polite" data-filter-summary></p>'
            "</div>"
            '<div class="filtered-checkboxes__options">{checkboxes}</div>'
            "</div>",
            id=field_id,
            label=_("Filter the list"),
            checkboxes=checkboxes,
        )

    class Media:
        js = ["js/checkbox-filter.js"]
        css = {"all": ["css/directory-admin.css"]}


def same_name(first, second):
    return normalize(first) == normalize(second)


class AssociationForm(WagtailAdminModelForm):
    """Association editing with the checks staff asked for."""

    confirm_duplicate = forms.BooleanField(
        label=_("Save anyway: this is a different association"),
        required=False,
        help_text=_("Only needed when another association of the same name is listed in the same country."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "region" in self.fields:
            self.fields["region"].required = False
            self.fields["region"].help_text = _("Left empty, it is taken from the country.")

    def duplicates(self, name, country):
        from .models import Association

        others = Association.objects.filter(country=country).exclude(pk=self.instance.pk)
        return [other for other in others.only("pk", "name", "country") if same_name(other.name, name)]

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("name", "")
        country = str(cleaned_data.get("country") or "")
        if name and not cleaned_data.get("confirm_duplicate") and self.duplicates(name, country):
            where = Country(country).name if country else _("the directory (no country)")
            self.add_error(
                "name",
                _(
                    "An association called “%(name)s” is already listed in %(where)s. If this is a different "
                    "association, tick “Save anyway” below and save again."
                )
                % {"name": name, "where": where},
            )
        if "region" in self.fields and not cleaned_data.get("region"):
            region = default_region(country)
            if region is None:
                self.add_error("region", _("Choose a region: none is known for this country."))
            else:
                cleaned_data["region"] = region
        return cleaned_data
