"""Coded values of an association: languages (ISO 639-1), support offered, phone numbers.

Lists of codes are stored as one text column, codes separated by single spaces ("de fr"), so
they survive revisions, exports and both databases unchanged, and a filter for one code is a
plain text lookup (see `code_filter`).
"""

import re

from django import forms
from django.conf import locale as django_locale
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def _languages():
    """ISO 639-1 codes Django knows, with each language's own name and its English name."""
    found = {}
    for code, info in django_locale.LANG_INFO.items():
        if len(code) == 2 and "name_local" in info and "fallback" not in info:
            found[code] = (info["name_local"], info["name"])
    return dict(sorted(found.items(), key=lambda item: item[1][0].casefold()))


LANGUAGES = _languages()
# Admin choices: "Deutsch (German)"; visitors see the language's own name only.
LANGUAGE_CHOICES = [
    (code, f"{local} ({english})" if local != english else local) for code, (local, english) in LANGUAGES.items()
]


def language_name(code):
    """A language's name in that language, e.g. "Deutsch" for "de"; the code itself when unknown."""
    return LANGUAGES.get(code, (code, code))[0]


class Support(models.TextChoices):
    """What an association offers people with NETs."""

    HELPLINE = "helpline", _("Helpline")
    ONLINE_COMMUNITY = "online_community", _("Online community")
    MEETINGS = "meetings", _("Meetings")
    INFORMATION = "information", _("Information material")
    ADVOCACY = "advocacy", _("Advocacy")


def split_codes(value):
    if isinstance(value, (list, tuple)):
        return [str(code) for code in value if code]
    return str(value or "").split()


def code_filter(field_name, code):
    """A Q object for rows whose space-separated `field_name` contains exactly `code`."""
    return (
        Q(**{field_name: code})
        | Q(**{f"{field_name}__startswith": f"{code} "})
        | Q(**{f"{field_name}__endswith": f" {code}"})
        | Q(**{f"{field_name}__contains": f" {code} "})
    )


class CodeListFormField(forms.MultipleChoiceField):
    """Ticks a list of codes; cleans to the stored text, codes in the order of the choices."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        return split_codes(value)

    def to_python(self, value):
        return split_codes(value)

    def clean(self, value):
        codes = super().clean(value)
        order = [str(code) for code, _label in self.choices]
        return " ".join(sorted(set(codes), key=order.index))

    def has_changed(self, initial, data):
        return set(split_codes(initial)) != set(split_codes(data))


class CodeListField(models.CharField):
    """Several codes from fixed choices, stored as text separated by spaces."""

    code_choices = ()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)
        self.validators.append(self.validate_codes)

    def get_code_choices(self):
        return list(self.code_choices)

    def validate_codes(self, value):
        known = {code for code, _label in self.get_code_choices()}
        unknown = [code for code in split_codes(value) if code not in known]
        if unknown:
            raise ValidationError(
                _("Unknown code(s): %(codes)s."), code="unknown_code", params={"codes": ", ".join(unknown)}
            )

    def to_python(self, value):
        return " ".join(split_codes(value))

    def get_prep_value(self, value):
        return " ".join(split_codes(value))

    def formfield(self, **kwargs):
        options = {"choices": self.get_code_choices(), "required": not self.blank, "label": self.verbose_name}
        options["help_text"] = self.help_text
        options.update({key: value for key, value in kwargs.items() if key in ("widget", "label", "help_text")})
        return CodeListFormField(**options)


class LanguagesField(CodeListField):
    code_choices = LANGUAGE_CHOICES


class SupportField(CodeListField):
    code_choices = Support.choices


PHONE = re.compile(r"^\+?[0-9()][0-9 ()./-]*[0-9]$")


def phone_validator(value):
    """A phone number as people write it: digits, spaces, "+", "-", ".", "/", brackets; 6 to 15 digits."""
    digits = sum(char.isdigit() for char in value)
    if not PHONE.match(value) or not 6 <= digits <= 15:
        raise ValidationError(
            _("Enter a phone number with 6 to 15 digits, e.g. “+49 30 1234567”."), code="invalid_phone"
        )
