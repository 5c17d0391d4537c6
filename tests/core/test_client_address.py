"""The client address comes from the connecting address or the trusted proxies, never from what a client wrote."""

import pytest
from django.test import RequestFactory

from netportal.core.client_address import client_address

PROXY = "10.0.0.2"


def request_from(remote_addr=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_connecting_address_counts_and_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("192.0.2.7", forwarded="203.0.113.1")) == "192.0.2.7"


def test_behind_one_proxy_the_address_the_proxy_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(forwarded="198.51.100.4")) == "198.51.100.4"


def test_addresses_a_client_wrote_itself_are_never_used(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    seen = {client_address(request_from(forwarded=f"203.0.113.{n}, 198.51.100.4")) for n in range(50)}
    assert seen == {"198.51.100.4"}


def test_behind_two_proxies_the_second_address_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from(forwarded="1.2.3.4, 198.51.100.4, 10.0.0.1")) == "198.51.100.4"


def test_a_request_that_skipped_the_proxies_counts_by_its_connecting_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from("192.0.2.9", forwarded="198.51.100.4")) == "192.0.2.9"
    assert client_address(request_from("192.0.2.9")) == "192.0.2.9"


@pytest.mark.parametrize("garbage", ["not-an-address", "", "   ", "<script>", "1.2.3.4:80", "999.1.1.1"])
def test_a_malformed_forwarded_address_falls_back_to_the_connecting_address(settings, garbage):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("192.0.2.9", forwarded=f"198.51.100.4, {garbage}")) in {
        "192.0.2.9",
        "198.51.100.4",
    }


def test_ipv6_addresses_are_written_in_one_normal_form(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(forwarded="2001:DB8:0:0::1")) == "2001:db8::1"


@pytest.mark.django_db
def test_a_login_without_a_client_address_is_logged_with_no_address(client, django_user_model):
    # Django's test client logs in with a request that has no REMOTE_ADDR; PostgreSQL's inet column
    # refuses placeholder text, so axes must be given None (a broken proxy would do the same).
    from axes.models import AccessLog

    client.force_login(django_user_model.objects.create_user("no-address"))
    assert AccessLog.objects.get(username="no-address").ip_address is None
