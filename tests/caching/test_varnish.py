"""Debian's varnishd with the repository's VCL in front of a gunicorn instance: anonymous pages are
served from Varnish, publishing purges them at once, and staff always reach Django.

Skipped only where varnishd cannot be installed (the Makefile installs Debian's package as root);
with CI=true a missing varnishd fails the run instead.
"""

import os
import socket

import pytest
import requests

from bench.varnish import Varnish

from .conftest import (
    FIRST_PORT,
    NEEDS_POSTGRES,
    VARNISH_PORT,
    Gunicorn,
    admin_post,
    log_in,
    republish_association,
    varnish_available,
)

if not varnish_available() and os.environ.get("CI") == "true":
    raise RuntimeError("CI=true: varnishd is missing; `make test` installs Debian's varnish package")

pytestmark = [
    NEEDS_POSTGRES,
    pytest.mark.redis,
    pytest.mark.scale_out,
    pytest.mark.skipif(not varnish_available(), reason="varnishd is not installed (Debian package varnish)"),
]


@pytest.fixture
def edge(shared_site, tmp_path):
    """gunicorn purging through Varnish (wagtail.contrib.frontend_cache), Varnish in front of it."""
    web = Gunicorn(FIRST_PORT, tmp_path / "web.log", FRONTEND_CACHE_PURGE_URL=f"http://127.0.0.1:{VARNISH_PORT}")
    varnish = Varnish(VARNISH_PORT, FIRST_PORT)
    try:
        web.start()
        varnish.start()
        yield web, varnish
    finally:
        varnish.stop()
        web.stop()


def get(url):
    response = requests.get(url, timeout=30)
    return response.status_code, response.headers.get("X-Edge-Cache"), response


def test_anonymous_pages_are_served_from_varnish(edge):
    _web, varnish = edge
    for path in ("/", "/patient-associations/", "/patient-associations/?q=Deutschland"):
        status, first_edge, _response = get(varnish.url + path)
        assert status == 200
        assert first_edge == "miss"
        status, second_edge, response = get(varnish.url + path)
        assert (status, second_edge) == (200, "hit"), path
        assert "s-maxage=" in response.headers["Cache-Control"]


def test_publishing_purges_varnish_at_once(shared_site, edge):
    _web, varnish = edge
    path = f"/patient-associations/{shared_site['slug']}/"
    get(varnish.url + path)
    assert get(varnish.url + path)[1] == "hit"
    get(varnish.url + "/patient-associations/?q=USA")

    editor = log_in(requests.Session(), varnish.url)  # staff go through Varnish too, uncached
    admin_post(editor, varnish.url, f"/admin/snippets/organizations/association/unpublish/{shared_site['pk']}/")

    status, edge_cache, _response = get(varnish.url + path)
    assert status == 404
    assert edge_cache == "miss"
    assert shared_site["name"] not in get(varnish.url + "/patient-associations/?q=USA")[2].text

    # A management command publishes again (as cron would): Varnish is purged from that process too.
    republish_association(shared_site["pk"], FRONTEND_CACHE_PURGE_URL=f"http://127.0.0.1:{VARNISH_PORT}")
    status, edge_cache, _response = get(varnish.url + path)
    assert (status, edge_cache) == (200, "miss")


def test_a_logged_in_editor_is_never_served_a_cached_page(edge):
    _web, varnish = edge
    get(varnish.url + "/")
    assert get(varnish.url + "/")[1] == "hit"
    editor = log_in(requests.Session(), varnish.url)
    for _ in range(2):
        response = editor.get(varnish.url + "/", timeout=30)
        assert response.headers["X-Edge-Cache"] == "miss"
        assert "wagtail-userbar" in response.text


def purge_from(source_address, port):
    """The status line of a PURGE sent from `source_address` (any 127.x address is this machine)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source_address, 0)) as sock:
        sock.sendall(b"PURGE / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        return sock.recv(1024).split(b"\r\n", 1)[0].decode()


def test_only_the_web_service_may_purge(edge):
    _web, varnish = edge
    get(varnish.url + "/")
    assert " 405 " in purge_from("127.0.0.2", VARNISH_PORT)
    assert get(varnish.url + "/")[1] == "hit", "a refused purge must not empty the cache"
    assert " 200 " in purge_from("127.0.0.1", VARNISH_PORT)  # the address standing in for "web"
    assert get(varnish.url + "/")[1] == "miss"
