"""Security headers on public pages, the admin and under production settings; no cookies for visitors."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.test import override_settings

from tests.security.conftest import FORM_PATH_PREFIXES, ROOT, public_urls

pytestmark = pytest.mark.django_db

SIX_MONTHS = 182 * 24 * 60 * 60


def csp_directives(response, header="Content-Security-Policy"):
    """The policy as {directive: [sources]}; fails when the header is missing."""
    assert header in response.headers, f"no {header} on {response.request['PATH_INFO']}"
    directives = {}
    for part in response.headers[header].split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_public_policy(directives):
    assert directives["default-src"] in (["'none'"], ["'self'"])
    for directive in ("script-src", "style-src"):
        sources = directives.get(directive, directives["default-src"])
        assert set(sources) <= {"'self'", "'none'"} or all(
            source == "'self'" or source.startswith("'nonce-") for source in sources
        ), f"{directive} allows {sources}"
    everything = " ".join(" ".join(sources) for sources in directives.values())
    assert "'unsafe-inline'" not in everything
    assert "'unsafe-eval'" not in everything
    assert "*" not in everything.split()
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] in (["'none'"], ["'self'"])
    assert directives["form-action"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


def test_home_page_sends_a_strict_content_security_policy(client, public_site):
    response = client.get("/")
    assert response.status_code == 200
    assert_public_policy(csp_directives(response))


def test_home_page_sends_the_other_security_headers(client, public_site):
    response = client.get("/")
    assert response.headers["Referrer-Policy"] in {"strict-origin-when-cross-origin", "strict-origin", "no-referrer"}
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    permissions = dict(
        item.strip().split("=", 1) for item in response.headers["Permissions-Policy"].split(",") if item.strip()
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert permissions[feature] == "()", f"{feature} is not denied"


def test_every_public_url_carries_the_public_policy_and_sets_no_cookie(client, public_site):
    urls = public_urls()
    assert len(urls) >= 25
    for url in urls:
        client.cookies.clear()
        response = client.get(url)
        assert response.status_code < 500, url
        assert_public_policy(csp_directives(response))
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin", url
        assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin", url
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert "camera=()" in response.headers["Permissions-Policy"], url
        cookies = set(response.cookies)
        if url.startswith(FORM_PATH_PREFIXES):
            # Only the CSRF cookie the form's POST needs (see FORM_PATH_PREFIXES).
            assert cookies == {"csrftoken"}, f"{url} set {cookies}"
            assert response.cookies["csrftoken"]["httponly"] is True
            assert response.cookies["csrftoken"]["samesite"] == "Lax"
        else:
            assert not cookies, f"{url} set {cookies} for an anonymous visitor"


def test_every_kind_of_public_address_is_checked(public_site):
    """The header, fuzz and outage tests reach every public endpoint the issue lists."""
    urls = public_urls()
    for expected in (
        "/healthz",
        "/search/?q=tumour",
        "/about/",
        "/tumours/",
        "/treatments/example-treatment/",
        "/patient-associations/?q=Germany",
        "/patient-associations/country/deu/",
        "/patient-associations/region/europe/",
        "/patient-associations/example-network/",
        "/patient-associations/export/csv/",
        "/patient-associations/export/json/",
        "/suggest/association/",
        "/suggest/correction/example-group-germany/",
    ):
        assert expected in urls, expected


def test_head_requests_and_error_pages_set_no_cookie_either(client, public_site):
    for response in (client.head("/"), client.get("/missing/"), client.get("/search/?q=%ff%00")):
        assert not response.cookies


def test_admin_gets_its_own_policy_that_still_refuses_plugins_and_foreign_frames(admin_client, public_site):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    admin_policy = csp_directives(response)
    public_policy = csp_directives(admin_client.get("/"))
    assert admin_policy != public_policy
    assert admin_policy["object-src"] == ["'none'"]
    assert admin_policy["frame-ancestors"] in (["'self'"], ["'none'"])
    assert admin_policy["form-action"] == ["'self'"]
    assert admin_policy["base-uri"] in (["'self'"], ["'none'"])
    assert "'unsafe-eval'" not in " ".join(" ".join(sources) for sources in admin_policy.values())
    for sources in admin_policy.values():
        assert "*" not in sources
        assert not any(source.startswith(("http:", "https:")) for source in sources)


def test_admin_login_page_is_not_given_the_public_policy(client, public_site):
    policy = csp_directives(client.get("/admin/login/"))
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def production_settings():
    """The security settings as production.py computes them, read in a fresh process."""
    names = [
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_SSL_REDIRECT",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
    ]
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def production_environment(**extra):
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="netportal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="portal.example.org",
        PAGE_CACHE_ENABLED="false",  # no shared cache in these one-process checks
        **extra,
    )
    return environment


def test_production_sends_hsts_for_at_least_six_months_including_subdomains(tmp_path):
    """A real production process answers an HTTPS request with HSTS."""
    code = (
        "import json, django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz', secure=True, HTTP_HOST='portal.example.org'); "
        "print(json.dumps({'status': r.status_code, 'headers': dict(r.headers)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_environment(DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["status"] == 200
    hsts = dict(
        [*part.strip().split("=", 1), ""][:2] for part in answer["headers"]["Strict-Transport-Security"].split(";")
    )
    assert int(hsts["max-age"]) >= SIX_MONTHS
    assert "includeSubDomains" in hsts
    assert answer["headers"]["Content-Security-Policy"]


def test_production_redirects_plain_http_to_https():
    assert production_settings()["SECURE_SSL_REDIRECT"] is True


def test_production_cookies_are_secure_http_only_and_same_site_lax(client, public_site, django_user_model):
    values = production_settings()
    assert values["SECURE_HSTS_SECONDS"] >= SIX_MONTHS
    django_user_model.objects.create_superuser("editor", "editor@example.org", "a long test password")
    with override_settings(**values):
        login_form = client.get("/admin/login/", secure=True)
        response = client.post(
            "/admin/login/",
            {
                "username": "editor",
                "password": "a long test password",
                "csrfmiddlewaretoken": login_form.cookies["csrftoken"].value,
            },
            secure=True,
        )
    assert response.status_code == 302
    cookies = {**login_form.cookies, **response.cookies}
    assert {"csrftoken", "sessionid"} <= set(cookies)
    for name in ("csrftoken", "sessionid"):
        cookie = cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
