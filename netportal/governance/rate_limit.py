"""Per-IP limits on public form submissions, counted in Django's cache.

The cache is Redis when `REDIS_URL` is set, so every web process shares one count; without
it the count is per process (local memory), which still stops a single noisy client.
"""

from django.core.cache import cache


def client_address(request):
    """The address the request came from, as the server saw it (a proxy header can be forged)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def limit_exceeded(request, scope, limit, window_seconds):
    """Count this request against the client's allowance; True when it goes over `limit` per window."""
    key = f"rate-limit:{scope}:{client_address(request)}"
    cache.add(key, 0, timeout=window_seconds)  # starts the window; a no-op when it is running
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit
