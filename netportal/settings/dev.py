"""Local development: debug on, everything else from base."""

from .base import *  # noqa: F403
from .environment import env_bool

DEBUG = env_bool("DEBUG", default=True)
ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1"]
# Plain storage so runserver works without collectstatic.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Template and code changes show at once; set PAGE_CACHE_ENABLED=true to try the page cache locally.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=False)
