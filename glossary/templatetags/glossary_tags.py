"""`{% glossary_marked page %}…{% endglossary_marked %}`: the health pages' hook into the glossary.

The health page templates load this library and wrap their body in the tag; the treatments app
itself never imports the glossary. The tag marks the first use of each approved term in the
language of the page's text, unless the page's editors switched marking off (`glossary_marking`).
"""

from django import template
from django.utils.safestring import mark_safe

from netportal.core.languages import content_language

from ..marking import approved_glossary, mark_terms

register = template.Library()


class GlossaryMarkedNode(template.Node):
    def __init__(self, nodelist, page):
        self.nodelist = nodelist
        self.page = page

    def render(self, context):
        markup = self.nodelist.render(context)
        page = self.page.resolve(context)
        if not getattr(page, "glossary_marking", True):
            return markup
        # Terms in the language the page's text is in: an untranslated page shows English text.
        request = context.get("request")
        glossary = approved_glossary(request, content_language(request, page))
        # The markup is this template's own rendered output; mark_terms inserts only escaped links.
        return mark_safe(mark_terms(markup, glossary))  # noqa: S308


@register.tag
def glossary_marked(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the page")
    nodelist = parser.parse(("endglossary_marked",))
    parser.delete_first_token()
    return GlossaryMarkedNode(nodelist, parser.compile_filter(bits[1]))
