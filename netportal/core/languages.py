"""Which languages a page exists in, where each version lives, and what language its text is in.

The interface language is the address's (/de/…, see PathLanguageMiddleware). A page's versions
share Wagtail's `translation_key`: translations made with wagtail-localize, and aliases, which
wagtail-localize creates in every language until a page is translated there (its synchronised
trees). An alias shows its source's text, so a German alias of an English page is English text
under a German interface: `content_language` says so, and templates mark it and tell the visitor.

A page's versions are read in one query and kept until content changes (the `content` cache,
emptied on every publish, unpublish, move or deletion), so switching language adds no query to
a page that is served often.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db.models import F
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from .seo import absolute_url


@dataclass(frozen=True)
class Version:
    """One live version of a page: its language, its address and whether it has text of its own."""

    language: str
    url: str
    pk: int
    own_text: bool  # see shows_own_text


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def language_name(code):
    """The language's name in that language ("Deutsch"), as the switcher shows it."""
    return dict(settings.LANGUAGES).get(code, code)


def versions(request, page):
    """{language: Version} of the live pages that are `page` in each language."""
    if not isinstance(page, Page) or request is None:
        return {}
    site = Site.find_for_request(request)

    def load():
        pages = (
            Page.objects.live()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
            .annotate(live_revision_page=F("live_revision__object_id"))
        )
        return {
            version.locale.language_code: Version(
                version.locale.language_code,
                version.get_url(request),
                version.pk,
                shows_own_text(version),
            )
            for version in pages
        }

    # Read once per request: the notice, the switcher and the hreflang links all ask (as the
    # breadcrumbs and their JSON-LD share the ancestors in navigation_tags).
    loaded = getattr(request, "page_versions", None)
    if loaded is not None and loaded[0] == page.translation_key:
        return loaded[1]
    found = caches["content"].get_or_set(f"versions:{getattr(site, 'pk', 0)}:{page.translation_key}", load)
    request.page_versions = (page.translation_key, found)
    return found


def shows_own_text(version):
    """Whether a live page shows text of its own. An alias shows its original's; so does an alias being
    translated until its translation is published: its live revision is still its original's."""
    if version.alias_of_id is not None:
        return False
    if version.locale.language_code == settings.LANGUAGE_CODE or version.live_revision_id is None:
        return True
    return version.live_revision_page == str(version.pk)


def content_language(request, page):
    """The language of the text `page` shows: its source's for an alias, else its own."""
    if not isinstance(page, Page) or request is None:
        return translation.get_language()
    found = versions(request, page)
    for version in found.values():
        if version.pk == page.pk:
            if version.own_text:
                return version.language
            # An alias (or one being translated) shows the original's text; the site's own
            # language is the original's in this portal (every tree mirrors it).
            return settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in found else version.language
    # Not live (a preview): the page's own locale.
    return page.locale.language_code


def language_links(request, page=None):
    """A link to this page in every language, or to that language's home where it has no version.

    Pages of other views (search, forms, errors) are addressed the same way in every language,
    so their link is the same address under the other prefix."""
    current = translation.get_language()
    if request is None:
        return []
    found = versions(request, page)
    own = found.get(current)
    # A routable page's sub-view (a country in the directory) keeps its part of the address.
    rest = request.path[len(own.url) :] if own and own.url and request.path.startswith(own.url) else ""
    query = request.META.get("QUERY_STRING", "")
    if query:
        rest += "?" + query  # the same filters and page of results
    links = []
    for code, name in settings.LANGUAGES:
        if page is None:
            url = translate_url(request.get_full_path(), code)
        elif code in found and found[code].url:
            url = found[code].url + rest
        else:
            url = translate_url("/", code)
        links.append(LanguageLink(code, name, url, code == current))
    return links


def alternates(request, page):
    """(language, absolute URL) of each version with text of its own, the default language's
    also as "x-default"; empty unless the page exists in more than one language."""
    found = [version for version in versions(request, page).values() if version.own_text and version.url]
    if len(found) < 2:
        return []
    pairs = [(version.language, absolute_url(request, version.url)) for version in found]
    default = next((url for language, url in pairs if language == settings.LANGUAGE_CODE), None)
    return pairs + ([("x-default", default)] if default else [])


def tree_locale_id():
    """The id of the locale whose page tree the visitor reads: their language's, or the site's own
    where their language has no pages. Kept until content changes."""

    def load():
        return dict(Page.objects.live().values_list("locale__language_code", "locale_id").distinct())

    with_pages = caches["content"].get_or_set("tree-locales", load)
    return with_pages.get(translation.get_language(), with_pages.get(settings.LANGUAGE_CODE))


def load_language_trees(home, report):
    """A locale for every language, and a tree in each that mirrors the site's own (wagtail-localize's
    synchronised trees): an alias of each page until someone translates it. Aliases of pages
    created since the last run are added; nothing that exists is changed."""
    from wagtail.models import Locale
    from wagtail_localize.models import LocaleSynchronization
    from wagtail_localize.synctree import synchronize_tree

    source = home.locale
    for code, _name in settings.LANGUAGES:
        if code not in settings.DEMO_CONTENT_LANGUAGES:
            continue
        locale, created = Locale.objects.get_or_create(language_code=code)
        if created:
            report(f"added the language {code}")
        if locale.pk == source.pk:
            continue
        if not LocaleSynchronization.objects.filter(locale=locale).exists():
            # Saving it synchronises the tree (wagtail-localize's signal).
            LocaleSynchronization.objects.create(locale=locale, sync_from=source)
            report(f"mirrored the site's pages into {code}")
        else:
            synchronize_tree(source, locale)
