"""Health check and error pages."""

import sys

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from netportal.core.middleware import DATABASE_UNAVAILABLE_ERRORS, database_unavailable_response


@never_cache
@require_safe
def healthz(request):
    """Answers 200 when the database answers, 503 otherwise. Touches no session."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """A styled 500 page that needs neither the database nor a request context.

    A lost database connection outside a view (in a middleware, say) is not a bug in the
    portal: it gets the same 503 "temporarily unavailable" page as one inside a view.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE_ERRORS):
        return database_unavailable_response(request, error)
    return render(request, "500.html", status=500)
