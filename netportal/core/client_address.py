"""The address a request came from, seen through a known number of trusted proxies.

Behind a proxy every request connects from the proxy's address, so limits keyed on
`REMOTE_ADDR` would lump every visitor together. Each trusted proxy appends the address it
received the request from to `X-Forwarded-For`; with `TRUSTED_PROXY_COUNT = N` the client is
the N-th address from the right. Addresses further left were written by the client itself and
can be anything, so they are never used: rotating them changes nothing.
"""

import ipaddress

from django.conf import settings


def valid_address(value):
    """The address in its normal written form, or "" when the text is not an IP address."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_address(request):
    """The client's IP address: the connecting address, or the one the trusted proxies saw.

    With `TRUSTED_PROXY_COUNT = 0` (the default, no proxy) `X-Forwarded-For` is ignored. When
    the header has fewer addresses than there are proxies, the request did not come through
    them all, and the connecting address is used. Used by the form rate limits; django-axes
    uses `client_address_or_none`.
    """
    connecting = valid_address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return valid_address(forwarded[-proxies]) or connecting or "unknown"
    return connecting or "unknown"


def client_address_or_none(request):
    """The client's address for django-axes, which stores it in an IP address column.

    A request without a usable address (Django's test client logging in, a misconfigured
    proxy) gives None, which axes stores as NULL; the text "unknown" would be refused by
    PostgreSQL's inet type.
    """
    address = client_address(request)
    return None if address == "unknown" else address
