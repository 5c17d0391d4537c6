"""Per-client limits on public form submissions: counted in the cache, in the database when the cache is down.

The cache is Redis when `REDIS_URL` is set, so every web process shares one count; without
it the count is per process (local memory), which still stops a single noisy client. The
client is `netportal.core.client_address.client_address` (the connecting address, or the one
the trusted proxies saw). A limit never switches itself off: when Redis cannot count, the
database does (`RateLimitHit`), slower but shared by every process.
"""

import datetime
import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from netportal.core.client_address import client_address

from .models import RateLimitHit

logger = logging.getLogger(__name__)


def limit_exceeded(request, scope, limit, window_seconds):
    """Count this request against the client's allowance; True when it goes over `limit` per window."""
    key = f"rate-limit:{scope}:{client_address(request)}"
    count = count_in_cache(key, window_seconds)
    if count is None:
        logger.warning("Rate limit %s: the cache cannot count, counting in the database.", scope)
        count = count_in_database(key, limit, window_seconds)
    return count > limit


def count_in_cache(key, window_seconds):
    """This request's number in the window, or None when the cache did not count it.

    The portal's Redis cache answers an unreachable server with "nothing stored" and an
    increment of 0 instead of raising; a real count is never below 1.
    """
    try:
        cache.add(key, 0, timeout=window_seconds)  # starts the window; a no-op when it is running
        try:
            count = cache.incr(key)
        except ValueError:  # the window ended between add() and incr()
            cache.set(key, 1, timeout=window_seconds)
            count = cache.get(key)
    except Exception:  # a cache backend that raises on connection errors
        logger.exception("Rate limit cache failed")
        return None
    if not isinstance(count, int) or count < 1:
        return None
    return count


def count_in_database(key, limit, window_seconds):
    """This request's number in the window, counted in `RateLimitHit` rows.

    A client over its limit adds no more rows, and expired rows are removed on the way, so
    the table stays small even under a flood.
    """
    now = timezone.now()
    since = now - datetime.timedelta(seconds=window_seconds)
    with transaction.atomic():
        RateLimitHit.objects.filter(created_at__lt=since).delete()
        count = RateLimitHit.objects.filter(key=key, created_at__gte=since).count() + 1
        if count <= limit:
            RateLimitHit.objects.create(key=key, created_at=now)
    return count
