"""Wagtail's page-serving view, with the page each address leads to kept until content changes.

To serve a page, Wagtail walks the page tree from the site's root to the page the address names:
a query or two per level, on every request, even when nothing has changed for weeks. `serve`
does what `wagtail.views.serve` does, through the same public pieces (`Page.route_for_request`,
the `on_serve_page` and `before_serve_page` hooks, `Page.serve`), but keeps the route found in
the `content` cache, which a new generation empties on every publish, unpublish, move or
deletion, and on every change to a site or a view restriction. Whether the visitor may see the
page is still decided on every request by Wagtail's hooks (view restrictions, passwords).

A route is kept only after it served a page (status 200), so requests for made-up addresses
under a routable page (a slug that matches no association) store nothing. Pages are kept as
loaded, before the view ran; the release id in the key keeps one release's pages from the next.

This assumes a page's `route()` depends on the site, the language and the path alone, as
Wagtail's and RoutablePageMixin's do. A page type whose route depends on anything else (the
visitor, the query string) must not be served through here.
"""

import hashlib
import pickle

from django.core.cache import caches
from django.http import Http404, HttpResponse
from django.utils import translation
from wagtail import hooks
from wagtail.models import Page, Site


def serve(request, path):
    """Same URL pattern and same answers as `wagtail.views.serve`."""
    name = _route_name(request, path)
    stored = caches["content"].get(name) if name else None
    if stored is not None:
        # Our own cache, which Django's cache backends fill with pickles anyway.
        page, args, kwargs = pickle.loads(stored)  # noqa: S301
        return _serve_route(request, page, args, kwargs)

    route = Page.route_for_request(request, path)
    if route is None:
        raise Http404
    # Pickled now, before the view runs: the page as it was loaded, not as the view left it.
    snapshot = pickle.dumps(route, protocol=pickle.HIGHEST_PROTOCOL) if name else None
    response = _serve_route(request, *route)
    if snapshot is not None and response.status_code == 200:
        caches["content"].set(name, snapshot)
    return response


def _serve_route(request, page, args, kwargs):
    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    on_serve_chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = hook(on_serve_chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, args, kwargs)


def _route_name(request, path):
    if request.method not in ("GET", "HEAD"):
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    # Hashed: the path is whatever the client sent. The language picks the localized page.
    identity = f"{site.pk}|{translation.get_language()}|{path}"
    return "route:" + hashlib.sha256(identity.encode()).hexdigest()
