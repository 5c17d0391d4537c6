"""The checker against a local server: each status, redirects, timeouts, refusals, concurrency."""

import time

from linkchecks import checker

from .conftest import SLOW_SECONDS


def test_a_working_address_is_ok_after_one_head_request_naming_the_portal(server):
    result = checker.check(server.url("/ok"))
    assert result.ok and result.status == 200 and result.final_url == server.url("/ok")
    assert len(server.requests) == 1
    method, path, user_agent = server.requests[0]
    assert (method, path) == ("HEAD", "/ok")
    assert user_agent.startswith("netportal-linkcheck/") and "NET patient portal" in user_agent


def test_a_301_is_followed_and_proposed_as_the_new_address(server):
    result = checker.check(server.url("/moved"))
    assert result.ok and result.final_url == server.url("/ok")
    assert result.hops == [(server.url("/moved"), 301), (server.url("/ok"), 200)]
    assert result.permanent_redirect


def test_a_308_and_a_chain_of_permanent_redirects_are_permanent(server):
    assert checker.check(server.url("/moved-308")).permanent_redirect
    chain = checker.check(server.url("/moved-twice"))
    assert chain.permanent_redirect and chain.final_url == server.url("/ok") and len(chain.hops) == 3


def test_a_temporary_redirect_is_followed_but_not_proposed(server):
    result = checker.check(server.url("/temporary"))
    assert result.ok and result.final_url == server.url("/ok")
    assert not result.permanent_redirect


def test_a_404_is_tried_again_with_get_and_fails(server):
    result = checker.check(server.url("/missing"))
    assert not result.ok and result.status == 404
    assert [method for method, _path, _agent in server.requests] == ["HEAD", "GET"]


def test_410_and_500_fail_with_their_status(server):
    for path, status in (("/gone", 410), ("/error", 500)):
        result = checker.check(server.url(path))
        assert not result.ok and result.status == status


def test_a_server_refusing_head_is_checked_with_get(server):
    result = checker.check(server.url("/no-head"))
    assert result.ok and result.status == 200


def test_a_slow_server_fails_after_the_timeout_without_waiting_for_it(server):
    started = time.monotonic()
    result = checker.check(server.url("/slow"), timeout=0.3)
    assert time.monotonic() - started < SLOW_SECONDS
    assert not result.ok and result.status is None and "no answer within 0.3 seconds" in result.error


def test_a_refused_connection_fails_with_an_error(refused_url):
    result = checker.check(refused_url)
    assert not result.ok and result.status is None and result.error


def test_a_certificate_nobody_signed_fails_with_a_tls_error(bad_tls_url):
    result = checker.check(bad_tls_url)
    assert not result.ok and result.status is None
    assert result.error.startswith("TLS error:") and "CERTIFICATE_VERIFY_FAILED" in result.error


def test_a_redirect_loop_stops_and_fails(server):
    result = checker.check(server.url("/loop"))
    assert not result.ok and "redirects" in result.error
    assert len(server.requests) == checker.MAX_REDIRECTS + 1


def test_a_permanent_redirect_to_a_missing_page_fails_and_proposes_nothing(server):
    result = checker.check(server.url("/moved-to-missing"))
    assert not result.ok and result.status == 404 and result.final_url == server.url("/missing")


def test_hosts_other_than_this_machine_are_never_contacted_in_tests():
    result = checker.check("https://www.example.org/")
    assert not result.ok and "not allowed" in result.error


def test_no_more_requests_than_the_limit_run_at_once(server):
    urls = [server.url("/busy") + f"?n={n}" for n in range(6)]
    results = checker.check_many(urls, workers=2)
    assert all(result.ok for result in results.values())
    assert 1 <= server.httpd.most_at_once <= 2  # never more than the limit (overlap depends on timing)
