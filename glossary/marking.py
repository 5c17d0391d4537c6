"""Mark the first use of each approved glossary term in a page's rendered body.

The health pages' templates wrap their body in `{% glossary_marked page %}` (from this app's
tag library), so the treatments app never imports the glossary: the template names the tag
library, and a site without this app would simply fail to load it.

Only text that sits directly in a paragraph, list item, definition or quotation is marked:
never headings, links, abbreviations, code, captions' spans or any other element an editor
or a template already put there. Each term is marked once per page, at its first use,
matched without regard to case, by any of its spellings, on whole words only.
"""

import functools
import html
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.utils.html import escape, format_html
from django.utils.translation import get_language, gettext

from .models import GlossaryPage, GlossaryTerm

CACHE_NAME = "glossary-terms"

# Text directly inside these elements is body text that may be marked.
TEXT_PARENTS = frozenset({"p", "li", "dd", "blockquote", "td"})
# Nothing inside these is ever marked.
SKIPPED = frozenset(
    {
        *(f"h{level}" for level in range(1, 7)),
        *("a", "abbr", "dfn", "code", "pre", "kbd", "samp", "var", "button", "label", "select", "textarea"),
        *("script", "style", "template", "svg", "math", "nav", "header", "title"),
    }
)
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
TOKENS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
TAG_NAME = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9-]*)")


@dataclass(frozen=True)
class Term:
    """What marking needs of a live glossary term (kept in the cache, so plain values only)."""

    term: str
    anchor: str
    spellings: tuple
    definition: str
    expansion: str  # the written-out form an abbreviation stands for, or ""


@dataclass(frozen=True)
class Glossary:
    url: str  # the glossary page's address, "" when there is none live
    terms: tuple


def looks_like_abbreviation(text):
    """ "NET", "NETs", "PRRT": no space and at least two capitals."""
    return " " not in text and sum(1 for character in text if character.isupper()) >= 2


def expansion_of(spellings):
    """The first written-out spelling (several words, not an abbreviation), or ""."""
    return next((spelling for spelling in spellings if " " in spelling), "")


def load_glossary(request=None, language=None):
    """Every live term in `language` (the language of the text being marked) and the glossary page's
    address (in the visitor's language where it has one), read in two queries."""
    language = language or settings.LANGUAGE_CODE
    published = GlossaryPage.objects.live().public()
    glossary_page = published.filter(locale__language_code=get_language()).first() or published.first()
    url = (glossary_page.get_url(request) or "") if glossary_page else ""
    terms = tuple(
        Term(
            term=term.term,
            anchor=term.anchor,
            spellings=tuple(term.spellings),
            definition=term.plain_definition,
            expansion=expansion_of(term.spellings),
        )
        for term in GlossaryTerm.objects.filter(live=True, locale__language_code=language).only(
            "term", "slug", "other_spellings", "definition"
        )
    )
    return Glossary(url=url, terms=terms)


def approved_glossary(request, language=None):
    """The live glossary for text in `language`, read once and kept until published content changes
    (a term's approval publishes it)."""
    if request is None:
        return load_glossary(language=language)
    return caches["content"].get_or_set(
        f"{CACHE_NAME}:{request.get_host()}:{get_language()}:{language}", lambda: load_glossary(request, language)
    )


@functools.lru_cache(maxsize=8)
def term_pattern(terms):
    """One regular expression for every spelling of every term (longest first), and spelling → term."""
    by_spelling = {}
    for term in terms:
        for spelling in term.spellings:
            by_spelling.setdefault(spelling.lower(), term)
    if not by_spelling:
        return None, {}
    alternatives = "|".join(re.escape(spelling) for spelling in sorted(by_spelling, key=len, reverse=True))
    # Whole words only: not inside a longer word, a hyphenated compound or a dotted name ("Cancer.Net").
    pattern = re.compile(rf"(?<![\w.-])(?:{alternatives})(?![\w-]|\.\w)", re.IGNORECASE)
    return pattern, by_spelling


HINT_ID = "glossary-term-hint"


def hint():
    """The description every marked term points to (aria-describedby), so its link text stays the word itself."""
    return format_html(
        '<p id="{}" hidden>{}</p>', HINT_ID, gettext("Glossary term: opens its plain-language definition.")
    )


def term_link(glossary, term, text):
    more = gettext("Read the full entry in the glossary")
    shown = (
        format_html('<abbr title="{}">{}</abbr>', term.expansion, text)
        if (term.expansion and looks_like_abbreviation(text))
        else escape(text)
    )
    return format_html(
        '<a class="glossary-term" href="{}#{}" aria-describedby="{}" data-glossary-definition="{}" '
        'data-glossary-more="{}">{}</a>',
        glossary.url,
        term.anchor,
        HINT_ID,
        term.definition,
        more,
        shown,
    )


def mark_text(text, glossary, pattern, by_spelling, marked):
    """`text` (escaped HTML text, no tags) with the first use of each unmarked term linked."""
    plain = html.unescape(text)
    pieces, position, changed = [], 0, False
    for match in pattern.finditer(plain):
        term = by_spelling.get(match.group(0).lower())
        if term is None or term.anchor in marked:
            continue
        marked.add(term.anchor)
        pieces.append(escape(plain[position : match.start()]))
        pieces.append(term_link(glossary, term, match.group(0)))
        position, changed = match.end(), True
    if not changed:
        return text
    pieces.append(escape(plain[position:]))
    return "".join(pieces)


def mark_terms(markup, glossary):
    """`markup` (rendered HTML) with the first use of each glossary term linked to its definition."""
    if not glossary.url or not glossary.terms:
        return markup
    pattern, by_spelling = term_pattern(glossary.terms)
    if pattern is None:
        return markup
    marked, open_elements, output = set(), [], []
    for token in TOKENS.split(str(markup)):
        if not token:
            continue
        if token.startswith("<"):
            output.append(token)
            name_match = TAG_NAME.match(token)
            if token.startswith("<!") or name_match is None:
                continue
            name = name_match.group(1).lower()
            if token.startswith("</"):
                if name in open_elements:
                    while open_elements and open_elements.pop() != name:
                        pass
            elif name not in VOID and not token.rstrip(">").rstrip().endswith("/"):
                open_elements.append(name)
            continue
        may_mark = (
            open_elements
            and open_elements[-1] in TEXT_PARENTS
            and not SKIPPED.intersection(open_elements)
            and len(marked) < len(glossary.terms)
        )
        output.append(mark_text(token, glossary, pattern, by_spelling, marked) if may_mark else token)
    if marked:
        output.append(hint())
    return "".join(output)
