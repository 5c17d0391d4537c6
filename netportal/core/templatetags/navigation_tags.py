"""Primary navigation and breadcrumbs: one query each, then kept until content changes.

Kept in the `content` cache alias, which the caching app empties whenever published content
changes (see netportal.caching); only Django's cache API is used here.
"""

from django import template
from django.conf import settings
from django.core.cache import caches
from django.utils import translation
from wagtail.models import Page, Site

register = template.Library()


def menu_pages(request):
    """Live pages shown in menus just below the request's site root."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    # The home page in the visitor's language (the site's own where it has none), and its menu.
    return caches["content"].get_or_set(
        f"menu:{site.pk}:{translation.get_language()}",
        lambda: with_urls(site.root_page.localized.get_children().live().in_menu(), request),
    )


def with_urls(pages, request):
    """The pages, each with its URL on the request's site worked out now, to be kept with it."""
    pages = list(pages)
    for page in pages:
        page.menu_url = page.get_url(request)
    return pages


@register.inclusion_tag("includes/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    request = context.get("request")
    current = context.get("page")
    items = menu_pages(request)
    current_path = getattr(current, "path", "")
    for item in items:
        # "page" for the page itself, "true" for a section the visitor is inside. Always set:
        # the template's failed lookup of a missing attribute on a page is slow (dir() of it).
        if current_path == item.path:
            item.aria_current = "page"
        elif current_path.startswith(item.path):
            item.aria_current = "true"
        else:
            item.aria_current = ""
    return {"request": request, "items": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, trail=None):
    """Ancestors of the current page from the home page down; `trail` adds (url, title) pairs
    for routable sub-views such as a country in the directory."""
    request = context.get("request")
    page = context.get("page")
    return {"request": request, "ancestors": page_ancestors(request, page), "page": page, "trail": trail or []}


def page_ancestors(request, page):
    """Live ancestors of `page` from the home page down, loaded once per request (the breadcrumbs
    and their JSON-LD share them)."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    loaded = getattr(request, "breadcrumb_ancestors", None) if request is not None else None
    if loaded is not None and loaded[0] == page.pk:
        return loaded[1]
    ancestors = caches["content"].get_or_set(
        f"ancestors:{page.pk}", lambda: list(Page.objects.ancestor_of(page).filter(depth__gte=2).live())
    )
    if request is not None:
        request.breadcrumb_ancestors = (page.pk, ancestors)
    return ancestors


# The trust pages every page links to from its footer, in this order (slugs just below the home page).
FOOTER_PAGE_SLUGS = ("about", "how-we-make-our-information", "accessibility", "privacy", "contact")


def footer_pages(request):
    """Live trust pages below the site root, in FOOTER_PAGE_SLUGS order; kept until content changes."""
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []

    def load():
        # Found by their slugs in the site's own language, then shown in the visitor's: a translation
        # may have a slug of its own.
        pages = {page.slug: page for page in site.root_page.get_children().live().filter(slug__in=FOOTER_PAGE_SLUGS)}
        ordered = [pages[slug] for slug in FOOTER_PAGE_SLUGS if slug in pages]
        language = translation.get_language()
        if language == settings.LANGUAGE_CODE:
            return with_urls(ordered, request)
        localized = {
            page.translation_key: page
            for page in Page.objects.live().filter(
                translation_key__in=[page.translation_key for page in ordered], locale__language_code=language
            )
        }
        return with_urls([localized.get(page.translation_key, page) for page in ordered], request)

    return caches["content"].get_or_set(f"footer:{site.pk}:{translation.get_language()}", load)


@register.inclusion_tag("includes/footer_navigation.html", takes_context=True)
def footer_navigation(context):
    return {"items": footer_pages(context.get("request"))}
