"""A Redis cache that degrades to "no cache" instead of failing the request."""

import logging

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)


class ForgivingRedisCache(RedisCache):
    """When Redis is unreachable, reads miss and writes are dropped, with a log line.

    The portal must keep serving pages when its cache is down; every call goes to Redis
    again, so the cache recovers by itself when Redis returns.
    """

    def _forgive(name, fallback=None):  # noqa: N805 - decorator factory used in the class body
        def decorator(method):
            def wrapper(self, *args, **kwargs):
                try:
                    return method(self, *args, **kwargs)
                except Exception as error:  # redis raises many connection error types
                    logger.warning("Cache %s failed, continuing without cache: %s", name, error)
                    return fallback(*args, **kwargs) if callable(fallback) else fallback

            return wrapper

        return decorator

    get = _forgive("get", lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _forgive("get_many", lambda *args, **kwargs: {})(RedisCache.get_many)
    set = _forgive("set")(RedisCache.set)
    add = _forgive("add", False)(RedisCache.add)
    set_many = _forgive("set_many", lambda *args, **kwargs: [])(RedisCache.set_many)
    delete = _forgive("delete", False)(RedisCache.delete)
    delete_many = _forgive("delete_many")(RedisCache.delete_many)
    has_key = _forgive("has_key", False)(RedisCache.has_key)
    incr = _forgive("incr", lambda *args, **kwargs: 0)(RedisCache.incr)
    touch = _forgive("touch", False)(RedisCache.touch)
    clear = _forgive("clear")(RedisCache.clear)
