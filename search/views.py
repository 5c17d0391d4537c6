"""Site search: health information and patient associations, side by side.

Pages and published associations are searched with Wagtail search (PostgreSQL full-text search
on PostgreSQL, the SQLite backend on SQLite), merged with autocomplete matches so that the
start of a word finds it ("lute" finds Lutathera). Staff-picked results
(`wagtail.contrib.search_promotions`) come first, and every query is counted for Wagtail's
search terms report.

Each group collects at most `MAX_RESULTS` ids, then loads only the page of results shown, so
a page of results runs a bounded number of SQL queries whatever the size of the site.
"""

import difflib
import operator
import re
import unicodedata
from functools import cache, reduce

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.shortcuts import render
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from netportal.core import languages
from organizations.country_search import resolve_country
from organizations.directory import country_url
from organizations.models import Association, DirectoryPage, Scope, published_directory

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# More hits than anyone pages through; the count then reads "more than 100".
MAX_RESULTS = 100
SNIPPET_WORDS = 40
# Word parts shorter than this match too much to be useful.
MIN_PARTIAL_TERM = 3
# Visitors type words; quotes, stars, brackets and control characters are search-engine syntax
# (a lone " is an SQLite full-text syntax error), so they become spaces.
NOT_A_SEARCH_CHARACTER = re.compile(r"[^\w\s'\u2019.-]+")
# Upper-case AND, OR and NOT are operators to SQLite's full-text search; visitors mean words.
OPERATOR_WORDS = {"and", "or", "not", "near"}
# Country matches strong enough to list that country's associations among the results;
# a typo or a bare code ("can", "de") only earns a suggestion.
CONFIDENT_COUNTRY_MATCHES = {"name", "alias"}


def clean_search_query(raw):
    """Words, numbers, apostrophes, dots and hyphens, single-spaced and trimmed to a sane length."""
    text = "".join(char for char in raw[: MAX_QUERY_LENGTH * 4] if unicodedata.category(char)[0] != "C")
    return " ".join(NOT_A_SEARCH_CHARACTER.sub(" ", text).split())[:MAX_QUERY_LENGTH].strip()


def search_terms(query):
    """The words the backends see: operators and stray punctuation removed, lower case."""
    words = (word.strip(".'\u2019-") for word in query.split())
    return [word.lower() for word in words if word and word.lower() not in OPERATOR_WORDS]


def _ids(results):
    return [result.pk for result in results[:MAX_RESULTS]]


def merged_ids(queryset, text, partial_match=None):
    """Ids of full-text matches first, then autocomplete matches (the start of a title or name),
    then `partial_match` (a filter finding a word part anywhere in the indexed text), no repeats."""
    backend = get_search_backend()
    ids = _ids(backend.search(text, queryset))
    more = _ids(backend.autocomplete(text, queryset))
    if partial_match is not None and len(ids) + len(more) < MAX_RESULTS:
        more += list(queryset.filter(partial_match).order_by("pk").values_list("pk", flat=True)[:MAX_RESULTS])
    seen = set(ids)
    for pk in more:
        if pk not in seen:
            seen.add(pk)
            ids.append(pk)
    return ids[:MAX_RESULTS]


def text_fields(model, exclude=()):
    """Names of the model's own text fields that it indexes for full-text search."""
    names = []
    for search_field in model.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name in exclude:
            continue
        try:
            field = model._meta.get_field(search_field.field_name)
        except FieldDoesNotExist:
            continue
        if field.model is model and isinstance(field, models.CharField | models.TextField | StreamField):
            names.append(field.name)
    return names


def every_term(terms, lookups):
    """A filter: each term (of three letters or more) appears in at least one of the lookups."""
    condition = Q()
    for term in (term for term in terms if len(term) >= MIN_PARTIAL_TERM):
        condition &= reduce(operator.or_, (Q(**{f"{lookup}__icontains": term}) for lookup in lookups))
    return condition if condition else None


@cache
def page_text_lookups():
    """title, search_description, and every page type's own indexed text ("treatmentpage__summary")."""
    lookups = ["title", "search_description"]
    for model in get_page_models():
        if model is not Page and Page in model._meta.parents:
            lookups += [f"{model._meta.model_name}__{name}" for name in text_fields(model)]
    return tuple(lookups)


def association_text_lookups():
    return tuple(text_fields(Association))


def highlight(text, terms):
    """Escaped text with each word starting with a search term wrapped in <mark>."""
    text = Truncator(text or "").words(SNIPPET_WORDS)
    if not terms:
        return conditional_escape(text)
    pattern = re.compile(r"\b(" + "|".join(re.escape(term) for term in terms) + r")", re.IGNORECASE)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(conditional_escape(text[position : match.start()]))
        pieces.append(f"<mark>{conditional_escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(conditional_escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above


def page_summary(page):
    """The promote tab's search description, else the page's own summary or introduction."""
    return page.search_description or getattr(page, "summary", "") or getattr(page, "introduction", "")


def association_summary(association):
    parts = [association.subtitle]
    if association.former_names:
        parts.append(association.former_names)
    if association.country:
        parts.append(str(association.country.name))
    return " · ".join(part for part in parts if part)


def paginate(ids, number):
    paginator = Paginator(ids, RESULTS_PER_PAGE)
    return paginator, paginator.get_page(number)


def in_id_order(objects, ids):
    by_id = {obj.pk: obj for obj in objects}
    return [by_id[pk] for pk in ids if pk in by_id]


def search_pages(text, terms, exclude, private):
    """Pages of the visitor's language tree, those with text of their own in that language first,
    then those still showing the site's own language (aliases, see netportal.core.languages)."""
    pages = Page.objects.live().exclude(private).exclude(depth__lte=1)
    locale_id = languages.tree_locale_id()
    if locale_id is not None:
        pages = pages.filter(locale=locale_id)
    ids = [pk for pk in merged_ids(pages, text, every_term(terms, page_text_lookups())) if pk not in exclude]
    if translation.get_language() == settings.LANGUAGE_CODE or not ids:
        return ids
    untranslated = set(Page.objects.filter(pk__in=ids, alias_of__isnull=False).values_list("pk", flat=True))
    return [pk for pk in ids if pk not in untranslated] + [pk for pk in ids if pk in untranslated]


def search_associations(text, terms, country_match):
    published = Association.objects.filter(live=True)
    ids = []
    if country_match and country_match.kind in CONFIDENT_COUNTRY_MATCHES:
        # The directory's own order for a country: its national associations first.
        code = country_match.code
        serving = published.filter(
            Q(scope=Scope.NATIONAL, country=code) | Q(scope=Scope.MULTINATIONAL, countries_served__contains=code)
        ).order_by("-scope", "name")  # "national" before "multinational": reversed alphabetical
        ids = list(serving.values_list("pk", flat=True)[:MAX_RESULTS])
    seen = set(ids)
    ids += [pk for pk in merged_ids(published, text, every_term(terms, association_text_lookups())) if pk not in seen]
    return ids[:MAX_RESULTS]


def directory_links(directory, associations):
    if not associations:
        return associations
    base = directory.url
    for association in associations:
        association.detail_url = base + directory.reverse_subpage("association", args=[association.slug])
    return associations


def spelling_suggestion(query, private):
    """The page title or association name closest to what was typed, for "Did you mean"."""
    titles = list(Page.objects.live().exclude(private).filter(depth__gt=2).values_list("title", flat=True)[:500])
    names = list(Association.objects.filter(live=True).values_list("name", flat=True)[:500])
    candidates = {candidate.lower(): candidate for candidate in titles + names}
    # Whole titles first, then single words of them ("Lutathera" in "PRRT with Lutathera").
    match = difflib.get_close_matches(query.lower(), list(candidates), n=1, cutoff=0.6)
    if match:
        return candidates[match[0]]
    words = {word.lower(): word for candidate in candidates.values() for word in re.findall(r"\w{4,}", candidate)}
    match = difflib.get_close_matches(query.lower(), list(words), n=1, cutoff=0.7)
    return words[match[0]] if match else ""


def promotions_for(search_query, private):
    """Staff picks for the query, live pages and external links only, in the editors' order."""
    promotions = (
        SearchPromotion.objects.filter(query=search_query)
        .filter(Q(page__isnull=True) | Q(page__in=Page.objects.live().exclude(private)))
        .select_related("page")
        .order_by("sort_order")
    )
    return list(promotions)


@require_safe
def search(request):
    """Site search over live pages and published associations. Odd queries are cleaned, never an error."""
    query = clean_search_query(request.GET.get("q", ""))
    terms = search_terms(query)
    text = " ".join(terms)
    context = {"search_query": query, "search_terms": terms, "total": 0}
    if not text:
        return render(request, "search/search.html", context)

    search_query = Query.get(text)
    search_query.add_hit()
    # Pages in a private section (a view restriction on them or an ancestor): read once, used by each group.
    private = Page.objects.private_q()
    promotions = promotions_for(search_query, private)
    promoted_ids = {promotion.page_id for promotion in promotions if promotion.page_id}

    page_paginator, page_results = paginate(search_pages(text, terms, promoted_ids, private), request.GET.get("page"))
    pages = Page.objects.filter(pk__in=list(page_results.object_list)).specific(defer=False)
    page_results.object_list = in_id_order(pages, list(page_results.object_list))
    for page in page_results.object_list:
        page.snippet = highlight(page_summary(page), terms)

    country_match = resolve_country(text)
    directory = published_directory(DirectoryPage.objects.exclude(private))
    association_ids = search_associations(text, terms, country_match) if directory else []
    association_paginator, association_results = paginate(association_ids, request.GET.get("association_page"))
    shown = list(association_results.object_list)
    associations = in_id_order(Association.objects.filter(pk__in=shown), shown) if shown else []
    for association in directory_links(directory, associations):
        association.snippet = highlight(association_summary(association), terms)
    association_results.object_list = associations

    for promotion in promotions:
        promotion.snippet = highlight(promotion.description, terms)

    total = page_paginator.count + association_paginator.count + len(promotions)
    context.update(
        {
            "promotions": promotions,
            "page_results": page_results,
            "page_count": page_paginator.count,
            "association_results": association_results,
            "association_count": association_paginator.count,
            "max_results": MAX_RESULTS,
            "total": total,
            "country": country_match.country if country_match else None,
            "country_url": country_url(directory, country_match.code) if country_match and directory else "",
        }
    )
    if not context["total"]:
        suggestion = spelling_suggestion(text, private)
        if suggestion and suggestion.lower() != text:
            context["suggestion"] = suggestion
    return render(request, "search/search.html", context)
