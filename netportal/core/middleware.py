"""Security headers Django does not set by itself, and a calm answer when the database is down."""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.csp import CSP

logger = logging.getLogger(__name__)

# Errors that mean "the database cannot be reached right now", not "the code is wrong".
DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60


def admin_policy():
    """ADMIN_CSP as a header value: each directive with its sources, separated by semicolons."""
    return "; ".join(" ".join([directive, *sources]) for directive, sources in settings.ADMIN_CSP.items())


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and CORP, and gives the admin its own CSP.

    Listed after Django's CSP middleware so that it runs first on the way out and the
    CSP middleware sees the admin policy.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(settings.ADMIN_PATH_PREFIXES) and settings.ADMIN_CSP:
            # Django's CSP middleware leaves a policy the response already has alone.
            response.headers.setdefault(str(CSP.HEADER_ENFORCE), admin_policy())
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class PathLanguageMiddleware:
    """Activates the language the address names: /de/… is German, an address without a prefix English.

    Django's LocaleMiddleware also reads a cookie and Accept-Language, and so adds
    `Vary: Accept-Language`: every browser's header would be its own copy in an edge cache. Here
    an address is the same page for everyone, which the page cache and Varnish can keep once.
    The admin is unaffected: Wagtail activates each editor's own preferred language there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def database_unavailable_response(request, error):
    """The styled 503 page. Its template reads nothing from the database."""
    logger.error("Database unavailable while serving %s: %s", request.path, error)
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection during a view into a 503 "temporarily unavailable" page.

    Listed last, so its process_exception runs first. Errors raised outside views reach
    the 500 handler, which makes the same decision (see core.views.server_error). Nothing is
    cached or restarted: the next request opens a new connection, so the site recovers as
    soon as the database answers again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_UNAVAILABLE_ERRORS):
            return database_unavailable_response(request, exception)
        return None
