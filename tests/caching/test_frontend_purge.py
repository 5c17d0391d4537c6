"""Publishing purges the edge cache through wagtail.contrib.frontend_cache's HTTP backend.

The "edge cache" is a local HTTP server that records the PURGE requests it receives.
"""

import http.server
import threading

import pytest

from tests.factories import AssociationFactory, DirectoryPageFactory, RegionFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):
        PurgeRecorder.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def edge_cache(settings):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    PurgeRecorder.received = []
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield PurgeRecorder.received
    server.shutdown()


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="About us", slug="about")


def purged_paths(received):
    return {path for _host, path in received}


def test_publishing_a_page_purges_it_and_the_home_page(edge_cache, about, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    assert purged_paths(edge_cache) == {"/", "/about/"}
    assert {host for host, _path in edge_cache} == {"localhost"}


def test_nothing_is_purged_before_the_transaction_commits(edge_cache, about, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        about.save_revision().publish()
    assert edge_cache == []
    assert callbacks


def test_unpublishing_a_page_purges_it(edge_cache, about, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        about.unpublish()
    assert "/about/" in purged_paths(edge_cache)


def test_moving_a_page_purges_its_new_address_and_the_home_page(
    edge_cache, home_page, about, django_capture_on_commit_callbacks
):
    parent = StandardPageFactory(parent=home_page, title="Organisation", slug="organisation")
    with django_capture_on_commit_callbacks(execute=True):
        about.move(parent, pos="last-child")
    assert {"/", "/organisation/about/"} <= purged_paths(edge_cache)


def test_deleting_a_page_purges_the_home_page(edge_cache, about, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        about.delete()
    assert "/" in purged_paths(edge_cache)


def test_publishing_an_association_purges_the_site(edge_cache, home_page, django_capture_on_commit_callbacks):
    DirectoryPageFactory(parent=home_page)
    association = AssociationFactory(region=RegionFactory())
    with django_capture_on_commit_callbacks(execute=True):
        association.save_revision().publish()
    assert "/" in purged_paths(edge_cache)


def test_without_an_edge_cache_setting_nothing_is_sent(edge_cache, settings, about, django_capture_on_commit_callbacks):
    del settings.WAGTAILFRONTENDCACHE
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
    assert edge_cache == []
