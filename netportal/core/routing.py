"""Wagtail's page serving, with each URL's page found in the cache until content changes.

To serve a page, Wagtail walks the page tree from the site's root to the page the URL names
(a query per level, plus one for the page's own fields) and then reads the view restrictions
of the page and its ancestors (two more queries), on every request, even when nothing has
changed for weeks. `serve` keeps what that walk found (the route, with the page as it was
loaded, and the restrictions) under the page cache's generation, which every publish,
unpublish, move or deletion of a page, and every change to a site or a view restriction,
renews (see `page_cache`). Whether the visitor may see the page is still decided on every
request, by Wagtail, from the restrictions kept.

A route is kept only after it served a page (status 200), so that requests for made-up
addresses under a routable page (a slug that matches no association) store nothing.

This relies on a page's `route()` depending on the site, the language and the path alone, as
Wagtail's and RoutablePageMixin's do (a cache hit skips it, so `request.routable_resolver_match`,
which nothing here reads, is not set then). A page type whose route depends on anything else
(the visitor, the query string) would need its own name in `_route_name`.
"""

import functools
import hashlib
import pickle

from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from . import page_cache


def serve(request, path):
    """Wagtail's `serve` view (same URL pattern, same answers), routing from the cache."""
    name = _route_name(request, path)
    if name is None:
        return wagtail_views.serve(request, path)
    stored = page_cache.recall(request, name)
    if stored is not None:
        # Our own cache, which Django's cache backends fill with pickles anyway.
        route, restrictions = pickle.loads(stored)  # noqa: S301
        _use(request, route, restrictions)
        return wagtail_views.serve(request, path)

    route = Page.route_for_request(request, path)
    if route is None:
        return wagtail_views.serve(request, path)  # Wagtail's own 404
    restrictions = list(route[0].get_view_restrictions())
    # Pickled now, before the view runs: the page as it was loaded, not as the view left it.
    snapshot = pickle.dumps((route, restrictions), protocol=pickle.HIGHEST_PROTOCOL)
    _use(request, route, restrictions)
    response = wagtail_views.serve(request, path)
    if response.status_code == 200:
        page_cache.keep(request, name, snapshot)
    return response


def _route_name(request, path):
    if request.method not in ("GET", "HEAD"):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    # Hashed: the path is whatever the client sent. The language picks the localized page.
    identity = f"{site.pk}|{translation.get_language()}|{path}"
    return "route:" + hashlib.sha256(identity.encode()).hexdigest()


def _use(request, route, restrictions):
    # `Page.route_for_request` keeps its result in this attribute for the rest of the request;
    # Wagtail's serve view then finds the route there.
    request._wagtail_route_for_request = route
    # Wagtail's view-restriction check (its `on_serve_page` hook) asks the page for its
    # restrictions: answer with those kept rather than two more queries. A partial, unlike a
    # lambda, can still be pickled along with the page.
    route[0].get_view_restrictions = functools.partial(list, restrictions)
