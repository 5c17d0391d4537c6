"""WSGI entry point, used by gunicorn."""

import gc
import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netportal.settings.production")

try:
    application = get_wsgi_application()
except ImproperlyConfigured as error:
    sys.exit(f"netportal: configuration error: {error}")

# Imported after setup: it needs the app registry.
from organizations.country_search import country_lookup

# Build the country-name lookup (every language's names, about 270,000 objects) before the first
# visitor rather than during their request, then freeze everything loaded so far: the garbage
# collector stops re-scanning these long-lived objects, which otherwise stalled a request now and
# then for over 100 ms (measured in bench/).
country_lookup()
gc.freeze()

# The first requests load the rest for good (compiled templates, URL patterns, translations,
# cache clients: about 35,000 objects), which still cost a full collection some 25 ms in the
# middle of a request; freeze once more after them, leaving only each request's own objects.
FREEZE_AGAIN_AFTER_REQUESTS = 50
_requests_finished = 0


def freeze_after_warm_up(**kwargs):
    global _requests_finished
    _requests_finished += 1
    if _requests_finished == FREEZE_AGAIN_AFTER_REQUESTS:
        request_finished.disconnect(freeze_after_warm_up)
        gc.collect()  # garbage of the first requests is freed, not frozen
        gc.freeze()


request_finished.connect(freeze_after_warm_up)
