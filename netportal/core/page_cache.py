"""Full-page cache for anonymous visitors, cleared whenever published content changes.

A widely shared article can send thousands of visitors at once; each of them gets the same
HTML, so it is rendered once and then served from the cache (Redis when `REDIS_URL` is set,
local memory otherwise). Only what is the same for every anonymous visitor is stored:

- requests: GET or HEAD, carrying no session or messages cookie (so never a logged-in editor,
  who must see their own work and the admin's user bar), outside the admin, the health check,
  documents and media;
- responses: status 200, not streaming, setting no cookie, not marked private or no-store,
  varying on nothing but cookies and language.

Invalidation is global: any publish, unpublish, move or deletion of a page or of a
publishable snippet (such as an association), and any change to site settings, images,
documents, view restrictions, regions or search promotions, starts a new cache generation. A
stored page records the generation it was made in (read in the same round trip as the page)
and is never served in a later one; it is replaced or expires by itself. Clearing everything
is coarse but always correct: a page lists other pages (menus, the home page's latest pages,
the directory), so working out which pages one change touches would be fragile. The
generation moves both at once (so the editor's own next request sees the change) and again
after the transaction commits (so a visitor whose request read the database just before the
commit cannot store the old page under the new generation).

Content-Security-Policy: the stored response keeps the headers the inner middleware set,
including the CSP header. That is only valid because the public policy (`SECURE_CSP`) uses no
nonces: every visitor may receive the same policy. A response whose policy does carry a nonce
is never stored, so a future nonce cannot leak into other visitors' pages.

Each distinct query string is its own entry, so a client sending endless different searches
could fill the cache: very long query strings are never stored, and Redis should run with a
`maxmemory` limit and the `allkeys-lru` policy (see the README). Searches answered from the
cache are not counted again in Wagtail's search terms report.
"""

import contextlib
import hashlib
import pickle
import re
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_max_age
from django.utils.translation import get_language_from_request

HEADER_LIST_SEPARATOR = re.compile(r"\s*,\s*")
GENERATION_KEY = "page-cache:generation"
CACHE_HEADER = "X-Cache"
# Paths that are never cached: the admin (from settings), the health check (it must report
# the database as it is now), documents (privacy checked per request) and media files.
EXCLUDED_PATH_PREFIXES = ("/healthz", "/documents/", "/media/", "/static/")
# Cookies that change what a page shows: a session (logged-in editors, page passwords) or
# pending messages. A visitor with either always gets a freshly rendered page.
MESSAGES_COOKIE_NAME = "messages"
# Vary headers a stored page may carry. "Cookie" is safe because pages are only stored for,
# and served to, requests without the cookies above; the language is part of the key.
ALLOWED_VARY = {"cookie", "accept-language", "accept-encoding"}
# Response headers that must not be replayed to another visitor.
PER_REQUEST_HEADERS = {"set-cookie", CACHE_HEADER.lower()}
# Longer query strings are answered but never stored: real searches are short.
MAX_STORED_QUERY_STRING = 200
# Records shown on public pages that have neither a publish step nor a `watch_model` call of
# their own app; looked up by label so this module imports no app.
WATCHED_MODEL_LABELS = ("organizations.Region", "wagtailsearchpromotions.SearchPromotion")


def is_enabled():
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def current_generation():
    """The cache generation every key includes; a new one appears when content changes."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Lost (evicted, or Redis restarted): start a fresh generation, never an old one,
        # so entries stored before the loss cannot come back.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY) or uuid.uuid4().hex
    return generation


def remember(request, name, compute):
    """What `compute()` returns, kept until published content next changes.

    For data that many pages show and only a publish or a save of watched content can change
    (the main menu, a page's breadcrumb ancestors, the directory's region counts): one cache
    read instead of database queries, even when the page cache itself is off. The value is
    stored under the current cache generation, so it goes stale exactly when stored pages do.
    `name` must include everything the value depends on (a site, a page). The generation is
    read once per request.
    """
    value = recall(request, name)
    if value is None:
        value = compute()
        keep(request, name, value)
    return value


def recall(request, name):
    """The value `keep` stored under `name` in the current generation, or None."""
    key = _content_key(request, name)
    value = _process_copies.get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            _process_copies.put(key, value)
    return value


def keep(request, name, value):
    """Store `value` under `name` until published content next changes (see `remember`)."""
    key = _content_key(request, name)
    cache.set(key, value, timeout=_entry_seconds())
    _process_copies.put(key, value)


def _entry_seconds():
    """How long a stored page or kept value lives at most."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def _content_key(request, name):
    generation = getattr(request, "_content_generation", None)
    if generation is None:
        generation = current_generation()
        _use_generation(request, generation)
    return f"content:{generation}:{name}"


def _use_generation(request, generation):
    """The generation `request` works with from now on (read once per request)."""
    if request is not None:
        request._content_generation = generation
    _process_copies.use_generation(generation)


class ProcessCopies:
    """This process's own copies of the values `keep` stored for the current generation.

    The cache generation is read once per request anyway; the values stored under it are
    the same for every request until it changes, so each process keeps the latest ones too:
    one Redis round trip per request instead of one per value (a menu, a route, the site...).
    Copies are pickles, so that no request sees what another one did to its objects; they are
    dropped as soon as a request sees a new generation, and expire like the shared entries.
    """

    MAX_ENTRIES = 500

    def __init__(self):
        self.generation = None
        self.entries = {}  # key -> (expires at, pickled value)

    def use_generation(self, generation):
        if generation != self.generation:
            self.generation = generation
            self.entries = {}

    def get(self, key):
        entry = self.entries.get(key)
        if entry is None or entry[0] <= time.monotonic():
            return None
        # Our own pickle, made by `put` in this process.
        return pickle.loads(entry[1])  # noqa: S301

    def put(self, key, value):
        entries = self.entries
        if len(entries) >= self.MAX_ENTRIES:
            entries.pop(next(iter(entries)), None)  # the oldest
        entries[key] = (time.monotonic() + _entry_seconds(), pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


_process_copies = ProcessCopies()


def clear():
    """Make every stored page unreachable, now and again when the current transaction commits."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation():
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _cache_key(request):
    identity = "|".join(
        [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            get_language_from_request(request) or "",
        ]
    )
    digest = hashlib.sha256(identity.encode()).hexdigest()
    return f"page-cache:page:{digest}"


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


class PageCacheMiddleware:
    """Serves anonymous visitors stored copies of public pages; see the module docstring.

    Listed after WhiteNoise and before the CSP and security-header middleware, so a stored
    response already carries every header those add, and a hit skips sessions, CSRF, URL
    routing and the database entirely.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_enabled():
            return self.get_response(request)
        key = None
        if _request_may_use_cache(request):
            # CommonMiddleware answers a bad Host header as usual.
            with contextlib.suppress(DisallowedHost):
                key = _cache_key(request)
        if key is None:
            response = self.get_response(request)
            response.headers[CACHE_HEADER] = "bypass"
            return response

        # The generation and the stored page in one round trip; a page stored in an earlier
        # generation is stale.
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation()
        _use_generation(request, generation)
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            _generation, status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers[CACHE_HEADER] = "hit"
            return response

        response = self.get_response(request)
        if _response_may_be_stored(request, response):
            headers = [(name, value) for name, value in response.items() if name.lower() not in PER_REQUEST_HEADERS]
            cache.set(key, (generation, response.status_code, headers, response.content), timeout=_entry_seconds())
            response.headers[CACHE_HEADER] = "miss"
        else:
            response.headers[CACHE_HEADER] = "bypass"
        return response


# Bookkeeping fields Wagtail fills in on images and documents; they change nothing visitors see.
BOOKKEEPING_FIELDS = frozenset({"file_size", "file_hash"})


def clear_on_change(sender, **kwargs):
    """Signal receiver: published content changed somewhere."""
    update_fields = kwargs.get("update_fields")
    if update_fields and BOOKKEEPING_FIELDS.issuperset(update_fields):
        return
    clear()


def connect_signals():
    """Wire invalidation to Wagtail's and Django's signals without importing any app.

    Called from the core's AppConfig.ready(), when every model is loaded. Publishable
    snippets (the directory's associations) send Wagtail's generic `published` and
    `unpublished` signals; deletions are caught per model for every page type and every
    model with a draft state, found by class rather than by name.
    """
    from django.apps import apps
    from django.db.models.signals import post_delete
    from wagtail import signals as wagtail_signals
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, DraftStateMixin, Page, PageViewRestriction, Site

    from .models import SiteSettings

    for signal in (
        wagtail_signals.page_published,
        wagtail_signals.page_unpublished,
        wagtail_signals.post_page_move,
        wagtail_signals.published,
        wagtail_signals.unpublished,
    ):
        signal.connect(clear_on_change, dispatch_uid=f"page-cache-{id(signal)}")

    for model in apps.get_models():
        if issubclass(model, (Page, DraftStateMixin)):
            post_delete.connect(clear_on_change, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")

    # Shown on public pages without a publish step of their own.
    for model in (
        SiteSettings,
        Site,
        PageViewRestriction,
        CollectionViewRestriction,
        get_image_model(),
        get_document_model(),
    ):
        watch_model(model)
    for label in WATCHED_MODEL_LABELS:
        with contextlib.suppress(LookupError):
            watch_model(apps.get_model(label))


def watch_model(model):
    """Clear the page cache whenever `model` is saved or deleted.

    For records shown on public pages that have no publish step (e.g. a region's name).
    Apps call it from their AppConfig.ready(); publishable models need nothing.
    """
    from django.db.models.signals import post_delete, post_save

    label = model._meta.label
    post_save.connect(clear_on_change, sender=model, dispatch_uid=f"page-cache-save-{label}")
    post_delete.connect(clear_on_change, sender=model, dispatch_uid=f"page-cache-delete-{label}")
