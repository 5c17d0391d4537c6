"""The Redis backend against a real Redis: Django's cache API, Django's RedisCache's stored format,
and one kept client instead of one per call."""

import pytest
import redis
from django.core.cache.backends.redis import RedisCache

from netportal.caching.backends import ResilientRedisCache

LOCATION = "redis://127.0.0.1:6379/8"  # this file's own Redis database

pytestmark = pytest.mark.redis


@pytest.fixture
def backend():
    try:
        redis.Redis.from_url(LOCATION, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.fail(f"these tests need Redis at {LOCATION}")
    cache = ResilientRedisCache(LOCATION, {"KEY_PREFIX": "backend-test", "OPTIONS": {"socket_timeout": 1}})
    cache.clear()
    yield cache
    cache.clear()


def test_the_cache_api_round_trips_values(backend):
    backend.set("page", ("generation", 200, [("Content-Type", "text/html")], b"<p>body</p>"))
    backend.set("count", 3)
    assert backend.get("page") == ("generation", 200, [("Content-Type", "text/html")], b"<p>body</p>")
    assert backend.get_many(["page", "count", "missing"]) == {
        "page": ("generation", 200, [("Content-Type", "text/html")], b"<p>body</p>"),
        "count": 3,
    }
    assert backend.get("missing", "default") == "default"
    assert backend.incr("count", 2) == 5
    with pytest.raises(ValueError):
        backend.incr("missing")
    assert backend.add("count", 1) is False
    assert backend.add("new", 1) is True
    assert backend.has_key("new") and backend.delete("new") and not backend.has_key("new")
    backend.set_many({"a": 1, "b": [2]})
    backend.delete_many(["a"])
    assert backend.get_many(["a", "b"]) == {"b": [2]}
    assert backend.get_or_set("computed", lambda: "value") == "value" == backend.get("computed")


def test_timeouts_follow_django(backend):
    raw = redis.Redis.from_url(LOCATION)
    backend.set("kept", "value", timeout=None)
    backend.set("brief", "value", timeout=30)
    assert raw.ttl(backend.make_key("kept")) == -1
    assert 0 < raw.ttl(backend.make_key("brief")) <= 30
    backend.set("brief", "value", timeout=0)
    assert backend.get("brief") is None
    assert backend.add("never", "value", timeout=0) is False
    assert backend.touch("kept", 60) and 0 < raw.ttl(backend.make_key("kept")) <= 60
    assert backend.touch("kept", None) and raw.ttl(backend.make_key("kept")) == -1


def test_values_are_stored_as_djangos_redis_cache_stores_them(backend):
    django_cache = RedisCache(LOCATION, {"KEY_PREFIX": "backend-test"})
    django_cache.set("from-django", {"a": 1})
    django_cache.set("counter", 7)
    backend.set("from-here", ["b"])
    assert backend.get("from-django") == {"a": 1}
    assert backend.incr("counter") == 8 == django_cache.get("counter")
    assert django_cache.get("from-here") == ["b"]


def test_one_client_serves_every_call(backend, monkeypatch):
    # Django's RedisCache built a client per call: a third of a cached page's time in redis-py 8.
    made = []
    real_init = redis.Redis.__init__
    monkeypatch.setattr(redis.Redis, "__init__", lambda self, *a, **k: made.append(1) or real_init(self, *a, **k))
    for _ in range(20):
        backend.set("key", "value")
        backend.get_many(["key", "other"])
    assert len(made) <= 1
