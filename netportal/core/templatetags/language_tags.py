"""The language switcher, hreflang alternates and the notice on a page shown in another language."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html, format_html_join

from netportal.core import languages

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    current = translation.get_language()
    return {
        "links": languages.language_links(context.get("request"), context.get("page")),
        "current_name": languages.language_name(current),
    }


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for each language the page has its own text in."""
    pairs = languages.alternates(context.get("request"), context.get("page"))
    return format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}">', pairs)


@register.simple_tag(takes_context=True)
def content_language(context):
    """The language of the page's text, or the interface's where there is no page."""
    return languages.content_language(context.get("request"), context.get("page"))


@register.filter
def site_text(value):
    """A text from the site settings in the visitor's language where the interface catalogue has it
    (the defaults the portal ships with are there); a text staff wrote is shown as they wrote it."""
    return translation.gettext(value) if value else value


@register.simple_tag
def entered_text_lang():
    """` lang="en"` for text staff enter (in the site's own language) shown under another language's
    interface; nothing where the two are the same."""
    if translation.get_language() == settings.LANGUAGE_CODE:
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)
