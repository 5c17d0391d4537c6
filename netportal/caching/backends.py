"""Cache backends: values kept until content changes, and a Redis that fails fast."""

import logging
import threading
import time

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache

from .generation import current_generation
from .release import release_id

logger = logging.getLogger(__name__)


class ContentCache(BaseCache):
    """Values kept until published content next changes, stored in another cache alias.

    Every key carries the release id and the current cache generation, so a publish (or a
    deploy) makes every value stale at once. Configure as
    `{"BACKEND": "netportal.caching.backends.ContentCache", "LOCATION": "default"}` and use it
    through Django's cache API: `caches["content"].get_or_set(name, compute)`. `name` must
    include everything the value depends on (a site, a page, a language).
    """

    def __init__(self, location, params):
        super().__init__(params)
        self.target_alias = location or DEFAULT_CACHE_ALIAS

    @property
    def target(self):
        return caches[self.target_alias]

    def make_key(self, key, version=None):
        return f"content:{release_id()}:{current_generation()}:{key}"

    def _timeout(self, timeout):
        return self.default_timeout if timeout is DEFAULT_TIMEOUT else timeout

    def get(self, key, default=None, version=None):
        return self.target.get(self.make_key(key), default)

    def get_many(self, keys, version=None):
        made = {self.make_key(key): key for key in keys}
        return {made[key]: value for key, value in self.target.get_many(list(made)).items()}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self.target.set(self.make_key(key), value, self._timeout(timeout))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self.target.add(self.make_key(key), value, self._timeout(timeout))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self.target.touch(self.make_key(key), self._timeout(timeout))

    def delete(self, key, version=None):
        return self.target.delete(self.make_key(key))

    def has_key(self, key, version=None):
        return self.target.has_key(self.make_key(key))

    def clear(self):
        """Forget every kept value and stored page (a new generation) and purge the edge cache:
        for commands that change content without Wagtail's signals (restore_portal)."""
        from .invalidation import content_changed

        content_changed()


class CircuitBreaker:
    """After a failure, report "open" for `seconds`, so callers skip the server instead of waiting."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.open_until = 0.0
        self.lock = threading.Lock()

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self):
        with self.lock:
            self.open_until = time.monotonic() + self.seconds


# One breaker per Redis address, shared by the threads of a process (Django gives each thread
# its own cache object).
_breakers = {}


class CacheUnavailableError(ConnectionError):
    """Raised by counters (incr) while Redis is failing: a counter must not silently read 0."""


def _resilient(name, fallback=None, raise_error=False):
    """Wrap a RedisCache method: skip Redis while its breaker is open; a failure opens it."""

    def decorator(method):
        def wrapper(self, *args, **kwargs):
            if self.breaker.is_open():
                if raise_error:
                    raise CacheUnavailableError(f"cache {name} skipped: Redis failed moments ago")
                return fallback(*args, **kwargs) if callable(fallback) else fallback
            try:
                return method(self, *args, **kwargs)
            except ValueError:
                raise  # incr of a missing key: an answer from Redis, not a failure
            except Exception as error:  # redis-py raises many connection and time-out types
                self.breaker.trip()
                logger.warning("Cache %s failed; skipping the cache for %s s: %s", name, self.breaker.seconds, error)
                if raise_error:
                    raise CacheUnavailableError(str(error)) from error
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        wrapper.__name__ = method.__name__
        wrapper.__doc__ = method.__doc__
        return wrapper

    return decorator


class ResilientRedisCache(RedisCache):
    """Redis that never holds a page up for long.

    With short socket time-outs (set in OPTIONS) a failed call costs at most one time-out; after
    it, the circuit breaker skips Redis for `CIRCUIT_BREAKER_SECONDS` (default 5): reads miss,
    writes are dropped, counters raise `CacheUnavailableError`. Then the next call tries Redis again,
    so the cache comes back by itself.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        seconds = params.get("CIRCUIT_BREAKER_SECONDS", 5)
        self.breaker = _breakers.setdefault(server, CircuitBreaker(seconds))

    get = _resilient("get", lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _resilient("get_many", lambda *args, **kwargs: {})(RedisCache.get_many)
    set = _resilient("set")(RedisCache.set)
    add = _resilient("add", False)(RedisCache.add)
    set_many = _resilient("set_many", lambda *args, **kwargs: [])(RedisCache.set_many)
    delete = _resilient("delete", False)(RedisCache.delete)
    delete_many = _resilient("delete_many")(RedisCache.delete_many)
    has_key = _resilient("has_key", False)(RedisCache.has_key)
    touch = _resilient("touch", False)(RedisCache.touch)
    clear = _resilient("clear")(RedisCache.clear)
    incr = _resilient("incr", raise_error=True)(RedisCache.incr)
