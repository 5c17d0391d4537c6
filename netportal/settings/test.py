"""Test settings: fast and self-contained, still on a real database."""

import os

from .base import *  # noqa: F403

# Hashing passwords slowly protects nothing in tests and costs seconds.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests that need Redis point at it explicitly; the rest get a private cache.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "content": CACHES["content"],
}
# Pages render afresh in every test (query counts, content changes); tests/performance turns the page cache on.
PAGE_CACHE_ENABLED = False
# No collectstatic step in tests.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Indexing every saved page and association for site search was a third of the time of loading
# the seed; tests that search turn it on with the `search_index` fixture (tests/conftest.py).
WAGTAILSEARCH_BACKENDS = {"default": {**WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False}}
# The demo content in English only: each other language's tree and translations add about six
# seconds to every load. Tests of languages, the browser tests and the performance tests load them all.
DEMO_CONTENT_LANGUAGES = env_list("DEMO_CONTENT_LANGUAGES") or [LANGUAGE_CODE]
# One release id for the whole run: hashing the source tree per test process is wasted time.
RELEASE_ID = os.environ.get("RELEASE_ID", "tests")
# Uploaded test images go to a throwaway folder.
MEDIA_ROOT = BASE_DIR / ".test-media"
# Tests keep Wagtail's default site (http://localhost/); tests/core/test_public_base_url.py sets its own.
PUBLIC_BASE_URL = ""
# Mail stays in memory for assertions.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
