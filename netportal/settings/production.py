"""Production: base settings, tightened. Fails loudly when a required value is missing."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .environment import env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith(("django-insecure", "dev-only")):
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names this site answers to.")

# The web server or Varnish in front serves /media/; Django's file view is for development.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=False)

# TLS is terminated by the proxy in front of gunicorn.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31_536_000  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=True)

# A page cache in one process's memory would keep serving what another process unpublished.
if PAGE_CACHE_ENABLED and not REDIS_URL:
    raise ImproperlyConfigured("The page cache needs a shared cache: set REDIS_URL, or set PAGE_CACHE_ENABLED=false.")
