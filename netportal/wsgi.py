"""WSGI entry point, used by gunicorn."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netportal.settings.production")

try:
    application = get_wsgi_application()
except ImproperlyConfigured as error:
    sys.exit(f"netportal: configuration error: {error}")
