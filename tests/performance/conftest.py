"""Shared pieces for the performance tests: the page cache switched on, on each cache backend."""

import pytest
from django.core.cache import cache

# The performance tests own Redis database 3 and this key prefix.
REDIS_TEST_URL = "redis://127.0.0.1:6379/3"
REDIS_TEST_PREFIX = "perf-test"

CACHE_BACKENDS = {
    "local-memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "perf-test"},
    "redis": {
        "BACKEND": "netportal.caching.backends.ResilientRedisCache",
        "LOCATION": REDIS_TEST_URL,
        "KEY_PREFIX": REDIS_TEST_PREFIX,
    },
}


@pytest.fixture(
    params=[
        pytest.param("local-memory"),
        pytest.param("redis", marks=pytest.mark.redis),
    ]
)
def page_cache(request, settings):
    """The anonymous page cache, on (in turn) local memory and the real Redis at 127.0.0.1:6379."""
    yield from use_cache_backend(settings, request.param, page_cache_enabled=True)


def use_cache_backend(settings, backend, page_cache_enabled):
    """Switch the default cache to `backend`, empty, for one test (a fixture's body)."""
    settings.CACHES = {"default": CACHE_BACKENDS[backend], "content": settings.CACHES["content"]}
    settings.PAGE_CACHE_ENABLED = page_cache_enabled
    cache.clear()
    if backend == "redis":
        # ResilientRedisCache hides a missing Redis; these tests must not pass without one.
        cache.set("perf-test-probe", "here")
        assert cache.get("perf-test-probe") == "here", "Redis at 127.0.0.1:6379 is not answering"
    yield backend
    cache.clear()


@pytest.fixture(autouse=True)
def indexed(search_index):
    """Site search here searches real content, as on a live site."""
