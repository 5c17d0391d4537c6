"""The WSGI entry point freezes long-lived objects at start-up and once more after the first requests."""

import gc

from django.core.signals import request_finished

from netportal import wsgi


def test_long_lived_objects_are_frozen_again_after_the_first_requests():
    assert gc.get_freeze_count() > 0  # at start-up
    wsgi._requests_finished = 0
    request_finished.connect(wsgi.freeze_after_warm_up)
    try:
        gc.unfreeze()
        for _request in range(wsgi.FREEZE_AGAIN_AFTER_REQUESTS - 1):
            wsgi.freeze_after_warm_up(sender=None)
        assert gc.get_freeze_count() == 0
        wsgi.freeze_after_warm_up(sender=None)
        assert gc.get_freeze_count() > 0
        assert not request_finished.disconnect(wsgi.freeze_after_warm_up)  # it let go of the signal
    finally:
        request_finished.disconnect(wsgi.freeze_after_warm_up)
        gc.unfreeze()
