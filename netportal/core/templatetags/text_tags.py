"""Typography for health text: isotope mass numbers as superscripts (177Lu becomes ¹⁷⁷Lu)."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# Radionuclides used in nuclear medicine, by symbol and by name. A mass number written directly
# before one of them ("177Lu", "177Lutetium", "90Y") is a superscript. Digits inside a word, an
# address or an attribute ("/177Lu", "x177Lu", "=177") are left alone.
ELEMENTS = "Lutetium|Lu|Yttrium|Y|Gallium|Ga|Indium|In|Copper|Cu|Technetium|Tc|Actinium|Ac|Lead|Pb|Iodine|I|Fluorine|F"
ISOTOPE = re.compile(rf"(?<![\w/=.&#-])(\d{{1,3}})(?=(?:{ELEMENTS})(?![a-z]))")


@register.filter(is_safe=True)
def isotopes(text):
    """`text` (plain or already-safe HTML) with each isotope's mass number in a <sup> element."""
    if not text:
        return text
    return mark_safe(ISOTOPE.sub(r"<sup>\1</sup>", str(conditional_escape(text))))  # noqa: S308 - escaped above
