"""The admin login locks after repeated failures; staff passwords and sessions are kept strong and short."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from netportal.governance import roles
from tests.factories import StaffUserFactory

LOGIN_URL = "/admin/login/"
PASSWORD = "a-long-test-password"


@pytest.fixture
def staff(db):
    return StaffUserFactory(username="rita", group_name=roles.EDITORS)


def log_in(client, username, password, address="192.0.2.10"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_five_times(client, username="rita", address="192.0.2.10"):
    for _ in range(4):
        response = log_in(client, username, "wrong password", address)
        assert response.status_code == 200  # the form again, with an error
    return log_in(client, username, "wrong password", address)  # the fifth failure locks


def test_correct_password_signs_in(client, staff):
    response = log_in(client, "rita", PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_five_failures_lock_the_account_from_that_address_with_a_clear_message(client, staff):
    assert fail_five_times(client).status_code == 429
    response = log_in(client, "rita", PASSWORD)  # even the right password
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed sign-in attempts" in html
    assert "15 minutes" in html
    assert client.get("/admin/").status_code == 302  # not signed in


def test_four_failures_do_not_lock(client, staff):
    for _ in range(4):
        log_in(client, "rita", "wrong password")
    assert log_in(client, "rita", PASSWORD).status_code == 302


def test_lockout_is_per_user_and_address(staff):
    fail_five_times(Client())
    assert log_in(Client(), "rita", PASSWORD, address="198.51.100.7").status_code == 302
    StaffUserFactory(username="other", group_name=roles.EDITORS)
    assert log_in(Client(), "other", PASSWORD).status_code == 302


def test_lockout_ends_after_15_minutes(client, staff):
    fail_five_times(client)
    assert log_in(client, "rita", PASSWORD).status_code == 429
    sixteen_minutes_ago = timezone.now() - datetime.timedelta(minutes=16)
    AccessAttempt.objects.update(attempt_time=sixteen_minutes_ago)
    assert log_in(client, "rita", PASSWORD).status_code == 302


def test_weak_passwords_are_refused(staff):
    for weak in ("short1", "password1234", "123456789012", "rita@example.org"):
        with pytest.raises(ValidationError):
            validate_password(weak, user=staff)
    validate_password("correct horse battery staple", user=staff)


def test_admin_sessions_expire(client, staff):
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    log_in(client, "rita", PASSWORD)
    assert client.session.get_expire_at_browser_close()


def test_admin_is_served_under_admin_with_the_site_name(client, staff):
    assert client.get("/admin/").status_code == 302  # to the login page
    log_in(client, "rita", PASSWORD)
    dashboard = client.get("/admin/").content.decode()
    assert re.search(rf'<h1 class="w-h1[^"]*">\s*{re.escape(settings.WAGTAIL_SITE_NAME)}\s*</h1>', dashboard)
