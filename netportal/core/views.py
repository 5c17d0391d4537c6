"""Health check, uploaded media and error pages."""

import secrets
import sys

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import SuspiciousFileOperation
from django.db import DatabaseError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from netportal.core.middleware import DATABASE_UNAVAILABLE_ERRORS, database_unavailable_response


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 otherwise; `cache` says whether the shared cache works.

    A failing cache slows nothing down and loses no data (pages are rendered afresh), so it
    reports "degraded" without turning the answer into a 503. Touches no session.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_status()})


def cache_status():
    """ "ok" when a value written to the cache reads back; a failing cache forgets it."""
    key = f"healthz:{secrets.token_hex(8)}"  # one per check: health checks run side by side
    cache.set(key, "here", timeout=10)
    working = cache.get(key) == "here"
    cache.delete(key)
    return "ok" if working else "degraded"


@require_safe
def media(request, path):
    """Uploaded files, when SERVE_MEDIA is on (development; production lets the web server do it).

    Django's file view, except that a path the file system cannot even look up (a name over
    255 bytes, a NUL byte) or that leads outside MEDIA_ROOT is a missing file, 404, not an error.
    """
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError, SuspiciousFileOperation) as error:
        raise Http404("No such file.") from error


def server_error(request):
    """A styled 500 page that needs neither the database nor a request context.

    A lost database connection outside a view (in a middleware, say) is not a bug in the
    portal: it gets the same 503 "temporarily unavailable" page as one inside a view.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE_ERRORS):
        return database_unavailable_response(request, error)
    return render(request, "500.html", status=500)
