"""Full-page cache for anonymous visitors, and the Cache-Control an edge cache acts on.

A widely shared article can send thousands of visitors at once; each of them gets the same HTML,
so it is rendered once and then served from the shared cache (Redis in production). Only what
is the same for every anonymous visitor is stored:

- requests: GET or HEAD, carrying no session or messages cookie (so never a logged-in editor,
  who must see their own work and the admin's user bar), outside the admin, the health check,
  documents and media;
- responses: status 200, not streaming, setting no cookie, not marked private or no-store,
  varying on nothing but cookies, language and encoding (the language is the path's).

Stored responses, and only those, carry `Cache-Control: public, max-age=0, s-maxage=N`: an edge
cache (Varnish, a CDN) may keep them for N seconds, and is purged on publish; browsers check
again each time. Every other response without a Cache-Control of its own is marked `private`,
so no shared cache keeps a page meant for one person.

Pages are compressed by GZipMiddleware, listed just inside this one: the compressed copy is
stored once and served as it is, with its random padding (Django's defence against BREACH), to
clients that accept gzip; the others get a plain copy, stored under its own key.

A stored page records the cache generation it was made in (read in the same round trip as the
page) and is never served in a later one. Keys carry the release id, so a deploy starts afresh.

Content-Security-Policy: the stored response keeps the CSP header the inner middleware set.
That is valid because the public policy uses no nonces; a response with a nonce is never stored.

Each distinct query string is its own entry, so a client sending endless different searches
could fill the cache: long query strings are never stored, and each path stores at most
`MAX_QUERY_VARIANTS` query strings per generation (the rest are answered, not stored).
"""

import contextlib
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip  # the test GZipMiddleware itself makes
from django.utils.cache import get_max_age, patch_cache_control

from .backends import CacheUnavailableError
from .generation import GENERATION_KEY, current_generation, remember_for_request, request_scope
from .release import release_id

HEADER_LIST_SEPARATOR = re.compile(r"\s*,\s*")
CACHE_HEADER = "X-Cache"
# Never cached: the health check (it reports the database as it is now), documents (privacy is
# checked per request), media and static files (served by WhiteNoise or the web server).
EXCLUDED_PATH_PREFIXES = ("/healthz", "/documents/", "/media/", "/static/")
# Cookies that change what a page shows: a session (logged-in editors, page passwords) or
# pending messages. A visitor with either always gets a freshly rendered page.
MESSAGES_COOKIE_NAME = "messages"
# Vary headers a stored page may carry. "Cookie" is safe because pages are only stored for,
# and served to, requests without the cookies above; the language is the path's, part of the key.
ALLOWED_VARY = {"cookie", "accept-language", "accept-encoding"}
# Response headers that must not be replayed to another visitor.
PER_REQUEST_HEADERS = {"set-cookie", CACHE_HEADER.lower()}
# Longer query strings are answered but never stored: real searches are short.
MAX_STORED_QUERY_STRING = 200
# Distinct query strings stored per path and generation (searches, filters, pages of results).
MAX_QUERY_VARIANTS = 100


def page_seconds():
    """How long a stored page lives at most, here and in an edge cache."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def _accepts_gzip(request):
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def _cache_key(request):
    # GZipMiddleware sits inside this one: a client that accepts gzip gets (and stores) the
    # compressed page, one that does not gets the plain one.
    identity = "|".join(
        [
            request.scheme,
            request.get_host(),
            # The path also names the language (/de/…): see PathLanguageMiddleware.
            request.get_full_path(),
            "gzip" if _accepts_gzip(request) else "identity",
        ]
    )
    return f"page:{release_id()}:{hashlib.sha256(identity.encode()).hexdigest()}"


def _query_variants_key(request, generation):
    path = hashlib.sha256(f"{request.get_host()}|{request.path}".encode()).hexdigest()
    return f"page-variants:{release_id()}:{generation}:{path}"


def _request_may_use_cache(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith((*settings.ADMIN_PATH_PREFIXES, *EXCLUDED_PATH_PREFIXES)):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and MESSAGES_COOKIE_NAME not in cookies


def _response_may_be_stored(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_STORED_QUERY_STRING:
        return False
    if response.cookies:
        return False
    directives = HEADER_LIST_SEPARATOR.split(response.get("Cache-Control", ""))
    cache_control = {directive.split("=")[0].strip().lower() for directive in directives}
    if cache_control & {"private", "no-store", "no-cache"} or get_max_age(response) == 0:
        return False
    vary = {part.strip().lower() for part in HEADER_LIST_SEPARATOR.split(response.get("Vary", "")) if part.strip()}
    if vary - ALLOWED_VARY:
        return False
    return "'nonce-" not in response.get("Content-Security-Policy", "")


def _within_query_variant_budget(request, generation):
    """True while this path has stored fewer than MAX_QUERY_VARIANTS query strings this generation."""
    if not request.META.get("QUERY_STRING"):
        return True
    key = _query_variants_key(request, generation)
    try:
        if cache.add(key, 1, timeout=page_seconds()):
            return True
        return cache.incr(key) <= MAX_QUERY_VARIANTS
    except (ValueError, CacheUnavailableError):  # expired between add and incr, or Redis failing
        return False


def mark_shareable(response):
    """What an edge cache may keep, and for how long; browsers revalidate unless the view chose
    a lifetime of its own (robots.txt)."""
    if get_max_age(response) is None:
        patch_cache_control(response, max_age=0)
    patch_cache_control(response, public=True, s_maxage=page_seconds())


def mark_private(response):
    """No shared cache may keep this response (a logged-in editor's page, a form with a cookie)."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True)


class PageCacheMiddleware:
    """Serves anonymous visitors stored copies of public pages; see the module docstring.

    Listed after WhiteNoise and before the CSP and security-header middleware, so a stored
    response already carries every header those add, and a hit skips sessions, CSRF, URL
    routing and the database entirely. It also scopes the cache generation to the request,
    page cache on or off, so kept values read it once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with request_scope():
            return self.respond(request)

    def respond(self, request):
        key = None
        if getattr(settings, "PAGE_CACHE_ENABLED", True) and _request_may_use_cache(request):
            with contextlib.suppress(DisallowedHost):  # CommonMiddleware answers a bad Host as usual
                key = _cache_key(request)
        if key is None:
            response = self.get_response(request)
            mark_private(response)
            response.headers[CACHE_HEADER] = "bypass"
            return response

        # The generation and the stored page in one round trip; a page stored in an earlier
        # generation is stale.
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = current_generation()
        remember_for_request(generation)
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            _generation, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers[CACHE_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if _response_may_be_stored(request, response) and _within_query_variant_budget(request, generation):
            mark_shareable(response)
            headers = [(name, value) for name, value in response.items() if name.lower() not in PER_REQUEST_HEADERS]
            cache.set(key, (generation, response.status_code, headers, response.content), timeout=page_seconds())
            response.headers[CACHE_HEADER] = "miss"
        else:
            mark_private(response)
            response.headers[CACHE_HEADER] = "bypass"
        return response
