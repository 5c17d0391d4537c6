"""Glossary terms explained in plain language, and the public A to Z glossary page.

A term reaches visitors only once it is live. New terms and changes are drafts until the
"Medical review" workflow (assigned to this model by the governance app) approves and
publishes them, so "live" is the gate: a draft or an unapproved change is never shown.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    Page,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from netportal.core.blocks import ReferencesBlock
from netportal.core.languages import content_language
from netportal.core.models import CachedViewRestrictionsMixin

# Letters the A to Z list always shows, even when no term starts with them.
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def split_spellings(text):
    """The other spellings an editor typed, one per line or separated by commas, without blanks or repeats."""
    spellings = []
    for line in text.replace(",", "\n").splitlines():
        spelling = " ".join(line.split())
        if spelling and spelling.casefold() not in {known.casefold() for known in spellings}:
            spellings.append(spelling)
    return spellings


def letter_of(term):
    """The heading a term is listed under: its first letter, A to Z without accents ("Ä" under A), a
    letter of another script as itself ("ع"); "#" for a term without letters or starting with a digit."""
    first = next((character for character in term if character.isalnum()), "")
    if not first.isalpha():
        return "#"
    latin = slugify(first).upper()[:1]
    return latin if latin and latin in ALPHABET else first.upper()


class GlossaryTerm(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model
):
    """A word or abbreviation health pages use, with a plain-language definition."""

    term = models.CharField(_("term"), max_length=120, help_text=_("As it is listed in the glossary, e.g. “PRRT”."))
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        help_text=_("The term's address in the glossary (…/glossary/#term-slug). Made from the term when empty."),
        blank=True,
    )
    other_spellings = models.TextField(
        _("other spellings and abbreviations"),
        blank=True,
        help_text=_(
            "Other forms to recognise in health pages, one per line or separated by commas: plurals, "
            "British and American spellings, the abbreviation or its full form (e.g. “NETs”, “neuroendocrine tumor”)."
        ),
    )
    definition = RichTextField(
        _("plain-language definition"),
        features=["bold", "italic", "link"],
        help_text=_("One or two short sentences a reader of age 11 can follow. Shown in the glossary and on pages."),
    )
    sources = StreamField(ReferencesBlock(), blank=True, verbose_name=_("sources"))
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("page")))],
        blank=True,
        verbose_name=_("related pages"),
        help_text=_("Pages of this site that say more about the term. Drafts are left out."),
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("other_spellings"),
        FieldPanel("definition"),
        FieldPanel("sources"),
        FieldPanel("related_pages"),
        PublishingPanel(),
    ]
    # A translation keeps its original's slug (the same anchor in every language) and related pages
    # (each shown in the visitor's language where it has one); the words are translated.
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("related_pages")]
    search_fields = [
        index.SearchField("term"),
        index.AutocompleteField("term"),
        index.SearchField("other_spellings"),
        index.SearchField("definition"),
        index.FilterField("live"),
        index.FilterField("locale"),  # the admin's listing searches one language at a time
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        # A translation keeps its original's slug, so the glossary's anchors are the same in every language.
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="glossary_term_slug_per_language")]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        if self.locale_id is None:
            self.locale = Locale.get_default()
        if not self.slug:
            base = slugify(self.term)[:110] or "term"
            slug, number = base, 1
            while GlossaryTerm.objects.filter(slug=slug, locale_id=self.locale_id).exclude(pk=self.pk).exists():
                number += 1
                slug = f"{base}-{number}"
            self.slug = slug
        super().save(*args, **kwargs)

    @property
    def spellings(self):
        """Every form to recognise in pages: the term first, then the other spellings."""
        return split_spellings("\n".join([self.term, self.other_spellings]))

    @property
    def plain_definition(self):
        """The definition as plain text, for the popover and the abbreviation's title."""
        return " ".join(strip_tags(self.definition).split())

    @property
    def anchor(self):
        return f"term-{self.slug}"

    @property
    def letter(self):
        return letter_of(self.term)


class GlossaryPage(CachedViewRestrictionsMixin, Page):
    """The public A to Z list of live glossary terms, with a search box; one per site."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("glossary page")
        verbose_name_plural = _("glossary pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = " ".join(request.GET.get("q", "").split())[:100]
        language = translation.get_language()
        terms = live_terms_in(language)
        if query:
            needle = query.casefold()
            terms = [
                term
                for term in terms
                if needle in term.term.casefold()
                or any(needle in spelling.casefold() for spelling in term.spellings)
                or needle in term.plain_definition.casefold()
            ]
        related = related_pages_by_term(terms)
        by_letter = {}
        for term in terms:
            term.live_related_pages = related.get(term.pk, [])
            by_letter.setdefault(term.letter, []).append(term)
        other_scripts = sorted(letter for letter in by_letter if letter not in ALPHABET and letter != "#")
        letters = [*ALPHABET, *other_scripts, *(["#"] if "#" in by_letter else [])]
        context.update(
            {
                "query": query,
                "terms": terms,
                "untranslated_terms": any(term.locale.language_code != language for term in terms),
                # The language the page's own text is in (English on a page not yet translated):
                # a term in another language is marked with its own.
                "text_language": content_language(request, self),
                "letters": [(letter, letter_anchor(letter), letter in by_letter) for letter in letters],
                "sections": [
                    (letter, letter_anchor(letter), by_letter[letter]) for letter in letters if letter in by_letter
                ],
            }
        )
        return context


def live_terms_in(language):
    """Every live term once, A to Z: its version in `language` where that is live, else the site's
    own language's (a translation waiting for medical review is not shown). One query."""
    chosen = {}
    for term in (
        GlossaryTerm.objects.filter(live=True, locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
        .order_by("term")
    ):
        if term.translation_key not in chosen or term.locale.language_code == language:
            chosen[term.translation_key] = term
    return sorted(chosen.values(), key=lambda term: term.term.casefold())


def letter_anchor(letter):
    return "letter-other" if letter == "#" else f"letter-{letter.lower()}"


def related_pages_by_term(terms):
    """{term pk: [live pages]} for the related pages the terms name, each in the visitor's language
    where it has a live version there; two queries."""
    wanted = {
        term.pk: [block["value"] for block in term.related_pages.raw_data if block.get("value")] for term in terms
    }
    ids = {pk for pks in wanted.values() for pk in pks}
    if not ids:
        return {}
    pages = {page.pk: page for page in Page.objects.live().public().filter(pk__in=ids)}
    localized = {
        page.translation_key: page
        for page in Page.objects.live()
        .public()
        .filter(translation_key__in=[page.translation_key for page in pages.values()])
        .filter(locale__language_code=translation.get_language())
    }
    pages = {pk: localized.get(page.translation_key, page) for pk, page in pages.items()}
    return {term_pk: [pages[pk] for pk in pks if pk in pages] for term_pk, pks in wanted.items()}
