"""Slow down guessing one staff member's password from many addresses, without locking them out.

django-axes locks a (user name, address) pair after 5 failures, so a guesser elsewhere cannot
lock a staff member out. Guessing the same user name from many addresses is answered here:
once that name has collected `LOGIN_THROTTLE_FREE_FAILURES` failures from all addresses
together within axes' cool-off period, every further sign-in attempt for it waits first,
1 second, then 2, 4… up to `LOGIN_THROTTLE_MAX_DELAY_SECONDS`. The real person still gets in,
a few seconds later. The failures are axes' own records (in the database), so the throttle
needs no cache.
"""

import datetime
import time

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.utils import timezone


def recent_failures(username):
    """Failed sign-ins for this user name, from every address, within axes' cool-off period."""
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    total = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return total or 0


def delay_for(failures):
    """Seconds to wait before checking a password, given the user name's recent failures."""
    over = failures - settings.LOGIN_THROTTLE_FREE_FAILURES
    if over < 0:
        return 0.0
    return min(settings.LOGIN_THROTTLE_DELAY_SECONDS * 2**over, settings.LOGIN_THROTTLE_MAX_DELAY_SECONDS)


class UsernameThrottleBackend:
    """An authentication backend that authenticates nobody: it only waits, then lets the next
    backend check the password. Listed after axes' backend and before ModelBackend."""

    def authenticate(self, request, username=None, **credentials):
        username = username or credentials.get(get_user_model().USERNAME_FIELD)
        if username:
            delay = delay_for(recent_failures(username))
            if delay:
                time.sleep(delay)
        return None

    # No get_user(): sessions name the backend that signed the user in, and tools that pick the
    # first backend with get_user() (the test client's force_login) must not pick this one.
