"""Cache backends: values kept until content changes, and a Redis that fails fast."""

import logging
import threading
import time

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisSerializer
from django.utils.functional import cached_property

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
    """Wrap a cache method: skip Redis while its breaker is open; a failure opens it.

    `fallback(self, *args)` (or a plain value) is the answer while Redis is skipped or failing."""

    def decorator(method):
        def wrapper(self, *args, **kwargs):
            if self.breaker.is_open():
                if raise_error:
                    raise CacheUnavailableError(f"cache {name} skipped: Redis failed moments ago")
                return fallback(self, *args, **kwargs) if callable(fallback) else fallback
            try:
                return method(self, *args, **kwargs)
            except ValueError:
                raise  # incr of a missing key: an answer from Redis, not a failure
            except Exception as error:  # redis-py raises many connection and time-out types
                self.breaker.trip()
                logger.warning("Cache %s failed; skipping the cache for %s s: %s", name, self.breaker.seconds, error)
                if raise_error:
                    raise CacheUnavailableError(str(error)) from error
                return fallback(self, *args, **kwargs) if callable(fallback) else fallback

        wrapper.__name__ = method.__name__
        wrapper.__doc__ = method.__doc__
        return wrapper

    return decorator


class ResilientRedisCache(BaseCache):
    """Redis that never holds a page up for long, through one kept client.

    With short socket time-outs (set in OPTIONS, passed to `redis.Redis.from_url`) a failed call
    costs at most one time-out; after it, the circuit breaker skips Redis for
    `CIRCUIT_BREAKER_SECONDS` (default 5): reads miss, writes are dropped, counters raise
    `CacheUnavailableError`. Then the next call tries Redis again, so the cache comes back by itself.

    Django's own RedisCache builds a new `redis.Redis` client for every call; redis-py 8 fills
    about 170 response callbacks per client, which was a third of the time of a page served from
    the cache. This backend keeps one client per cache object (Django gives each thread its own)
    and speaks only redis-py's public API. Values go through Django's `RedisSerializer`, so this
    backend and Django's RedisCache read each other's entries.
    """

    def __init__(self, server, params):
        super().__init__(params)
        self.server = server
        self.options = params.get("OPTIONS", {})
        seconds = params.get("CIRCUIT_BREAKER_SECONDS", 5)
        self.breaker = _breakers.setdefault(server, CircuitBreaker(seconds))
        # Django's own serializer: pickles, integers as-is (so INCR works), the same stored format.
        self.serializer = RedisSerializer()

    @cached_property
    def client(self):
        import redis

        return redis.Redis.from_url(self.server, **self.options)

    def backend_timeout(self, timeout):
        """Seconds for Redis: None keeps the value for ever, 0 or less deletes it."""
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        return None if timeout is None else max(0, int(timeout))

    @_resilient("get", lambda self, key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        value = self.client.get(self.make_and_validate_key(key, version=version))
        return default if value is None else self.serializer.loads(value)

    @_resilient("get_many", lambda *args, **kwargs: {})
    def get_many(self, keys, version=None):
        made = {self.make_and_validate_key(key, version=version): key for key in keys}
        if not made:
            return {}
        values = self.client.mget(list(made))
        loads = self.serializer.loads
        return {key: loads(value) for key, value in zip(made.values(), values, strict=True) if value is not None}

    @_resilient("set")
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.backend_timeout(timeout)
        if timeout == 0:
            self.client.delete(key)
        else:
            self.client.set(key, self.serializer.dumps(value), ex=timeout)

    @_resilient("add", False)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.backend_timeout(timeout)
        if timeout == 0:
            return False
        return bool(self.client.set(key, self.serializer.dumps(value), ex=timeout, nx=True))

    @_resilient("set_many", lambda *args, **kwargs: [])
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        for key, value in data.items():
            self.set(key, value, timeout, version)
        return []

    @_resilient("delete", False)
    def delete(self, key, version=None):
        return bool(self.client.delete(self.make_and_validate_key(key, version=version)))

    @_resilient("delete_many")
    def delete_many(self, keys, version=None):
        keys = [self.make_and_validate_key(key, version=version) for key in keys]
        if keys:
            self.client.delete(*keys)

    @_resilient("has_key", False)
    def has_key(self, key, version=None):
        return bool(self.client.exists(self.make_and_validate_key(key, version=version)))

    @_resilient("touch", False)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        timeout = self.backend_timeout(timeout)
        return bool(self.client.persist(key) if timeout is None else self.client.expire(key, timeout))

    @_resilient("incr", raise_error=True)
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        if not self.client.exists(key):
            raise ValueError(f"Key '{key}' not found.")
        return self.client.incr(key, delta)

    @_resilient("clear", False)
    def clear(self):
        return bool(self.client.flushdb())
