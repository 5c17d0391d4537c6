"""Finding 4: the suggestion rate limit holds while Redis is unreachable (the database counts instead)."""

import logging

import pytest
from django.core.cache import cache
from django.test import override_settings

from netportal.governance.models import RateLimitHit, Suggestion
from netportal.governance.suggestions import SUGGESTIONS_PER_HOUR
from tests.factories import AssociationFactory
from tests.security.conftest import REDIS_TEST_PORT
from tests.security.servers import RedisServer, port_is_open

pytestmark = pytest.mark.django_db

CLOSED_PORT = REDIS_TEST_PORT + 2


def redis_cache_settings(port):
    return {
        "default": {
            "BACKEND": "netportal.caching.backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/2",
            "KEY_PREFIX": "rate-limit-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        "content": {"BACKEND": "netportal.caching.backends.ContentCache", "LOCATION": "default"},
    }


def suggest(client, association, address="192.0.2.44"):
    return client.post(
        f"/suggest/correction/{association.slug}/",
        {"message": "The address changed.", "website": "https://example.org/new"},
        REMOTE_ADDR=address,
    )


@pytest.fixture
def association(home_page):
    return AssociationFactory(name="Example association", slug="example-association")


def test_rate_limit_holds_when_redis_was_never_reachable(client, association, caplog):
    assert not port_is_open(CLOSED_PORT)
    with override_settings(CACHES=redis_cache_settings(CLOSED_PORT)), caplog.at_level(logging.WARNING):
        cache.set("probe", "here")
        assert cache.get("probe") is None  # Redis really is unreachable
        statuses = [suggest(client, association).status_code for _ in range(SUGGESTIONS_PER_HOUR + 3)]
    assert statuses == [302] * SUGGESTIONS_PER_HOUR + [429] * 3
    assert Suggestion.objects.count() == SUGGESTIONS_PER_HOUR
    assert RateLimitHit.objects.count() == SUGGESTIONS_PER_HOUR  # refused requests add no rows
    assert any("counting in the database" in record.getMessage() for record in caplog.records)
    # Another visitor still has an allowance of their own.
    with override_settings(CACHES=redis_cache_settings(CLOSED_PORT)):
        assert suggest(client, association, address="198.51.100.8").status_code == 302


@pytest.mark.skipif(not RedisServer.available(), reason="redis-server is not installed")
def test_rate_limit_holds_when_redis_goes_away_during_the_window(client, association):
    server = RedisServer(REDIS_TEST_PORT + 3)
    server.start()
    try:
        with override_settings(CACHES=redis_cache_settings(REDIS_TEST_PORT + 3)):
            assert [suggest(client, association).status_code for _ in range(3)] == [302] * 3
            assert not RateLimitHit.objects.exists()  # Redis counted these
            server.stop()
            statuses = [suggest(client, association).status_code for _ in range(SUGGESTIONS_PER_HOUR + 2)]
    finally:
        server.stop()
    assert statuses[-2:] == [429, 429]
    assert statuses.count(302) == SUGGESTIONS_PER_HOUR
