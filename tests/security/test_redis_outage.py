"""When Redis goes away or hangs every page still serves, quickly; the failure is logged, the
health check says the cache is degraded, and the cache comes back by itself.

The Redis server here is one the test starts on its own port; the shared Redis is never stopped.
A hung Redis is a local TCP server that accepts connections and never answers.
"""

import logging
import time

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.security.conftest import REDIS_TEST_PORT, public_urls
from tests.security.servers import RedisServer, SilentServer, port_is_open

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not RedisServer.available(), reason="redis-server is not installed"),
]

CLOSED_PORT = REDIS_TEST_PORT + 1


SOCKET_TIMEOUT = 0.25
BREAKER_SECONDS = 1
LOGGER = "netportal.caching.backends"


def redis_cache_settings(port):
    return {
        "default": {
            "BACKEND": "netportal.caching.backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/2",
            "KEY_PREFIX": "sec-test",
            "CIRCUIT_BREAKER_SECONDS": BREAKER_SECONDS,
            "OPTIONS": {"socket_connect_timeout": SOCKET_TIMEOUT, "socket_timeout": SOCKET_TIMEOUT},
        },
        "content": {"BACKEND": "netportal.caching.backends.ContentCache", "LOCATION": "default"},
    }


@pytest.fixture
def own_redis():
    server = RedisServer(REDIS_TEST_PORT)
    server.start()
    yield server
    server.stop()


def visit_every_page(client, urls):
    """Status of every public URL, and the slowest answer in seconds."""
    statuses, slowest = {}, 0.0
    for url in urls:
        started = time.monotonic()
        statuses[url] = client.get(url).status_code
        slowest = max(slowest, time.monotonic() - started)
    return statuses, slowest


def test_pages_serve_through_a_redis_outage_and_the_cache_recovers(client, public_site, own_redis, caplog):
    urls = public_urls()
    # The page cache is on, as in production: it is the heaviest user of Redis.
    with override_settings(CACHES=redis_cache_settings(REDIS_TEST_PORT), PAGE_CACHE_ENABLED=True):
        healthy, _slowest = visit_every_page(client, urls)
        assert all(status < 500 for status in healthy.values()), healthy
        assert client.get("/")["X-Cache"] == "hit"
        cache.set("probe", "up")
        assert cache.get("probe") == "up"

        own_redis.stop()
        with caplog.at_level(logging.WARNING, logger=LOGGER):
            during_outage, slowest = visit_every_page(client, urls)
            assert cache.get("probe") is None
            cache.set("probe", "written while down")  # dropped, not raised
        assert during_outage == healthy
        assert slowest < 3, f"a page took {slowest:.1f} s while Redis was down"
        failures = [record for record in caplog.records if record.name == LOGGER]
        assert failures, "the cache failure was not logged"
        assert all(record.levelno == logging.WARNING for record in failures)
        assert "skipping the cache" in failures[0].getMessage()

        own_redis.start()
        time.sleep(BREAKER_SECONDS + 0.1)  # the circuit breaker lets calls through again
        cache.set("probe", "back")
        assert cache.get("probe") == "back"
        after, _slowest = visit_every_page(client, urls)
        assert after == healthy
        assert client.get("/")["X-Cache"] == "hit", "the page cache did not come back"


def test_pages_serve_when_redis_was_never_reachable(client, public_site, caplog):
    assert not port_is_open(CLOSED_PORT)
    urls = public_urls()
    healthy, _slowest = visit_every_page(client, urls)
    with (
        override_settings(CACHES=redis_cache_settings(CLOSED_PORT), PAGE_CACHE_ENABLED=True),
        caplog.at_level(logging.WARNING),
    ):
        statuses, slowest = visit_every_page(client, urls)
    assert statuses == healthy
    assert slowest < 3
    assert any(record.name == LOGGER for record in caplog.records)


@pytest.fixture
def hung_redis():
    """A TCP server that accepts connections and never answers: Redis stuck, not down."""
    server = SilentServer()
    server.start()
    yield server
    server.stop()


def test_a_hung_redis_costs_a_page_at_most_about_one_timeout(client, public_site, hung_redis, caplog):
    urls = public_urls()
    healthy, _slowest = visit_every_page(client, urls)
    with (
        override_settings(CACHES=redis_cache_settings(hung_redis.port), PAGE_CACHE_ENABLED=True),
        caplog.at_level(logging.WARNING),
    ):
        statuses, slowest = visit_every_page(client, urls)
    assert statuses == healthy
    # One time-out (the first call opens the circuit breaker), plus rendering the page.
    assert slowest < SOCKET_TIMEOUT + 1.0, f"a page took {slowest:.2f} s with Redis hung"
    assert any(record.name == LOGGER for record in caplog.records)


def test_health_check_reports_a_degraded_cache_and_still_answers_200(client, public_site, hung_redis):
    with override_settings(CACHES=redis_cache_settings(hung_redis.port)):
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "degraded"}
    assert elapsed < SOCKET_TIMEOUT * 4


def test_health_check_reports_a_working_cache(client, public_site, own_redis):
    with override_settings(CACHES=redis_cache_settings(REDIS_TEST_PORT)):
        assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}
