"""Settings read the environment, and production refuses to start misconfigured.

Each case starts a fresh Python process, because settings are read once per process.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_django(code, **env):
    clean = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SECRET_KEY"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); from django.conf import settings; {code}"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_manage(*args, **env):
    clean = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SECRET_KEY"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )


def test_settings_read_database_redis_and_hosts_from_environment():
    result = run_django(
        "d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['HOST'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']); "
        "print(settings.CACHES['default']['LOCATION']); print(settings.ALLOWED_HOSTS); "
        "print(settings.CSRF_TRUSTED_ORIGINS); print(settings.MEDIA_ROOT); print(settings.WAGTAILADMIN_BASE_URL)",
        DJANGO_SETTINGS_MODULE="netportal.settings.dev",
        DATABASE_URL="postgres://someone@db.example:5432/portal",
        REDIS_URL="redis://cache.example:6379/2",
        ALLOWED_HOSTS="a.example, b.example",
        CSRF_TRUSTED_ORIGINS="https://a.example",
        MEDIA_ROOT="/srv/media",
        WAGTAILADMIN_BASE_URL="https://a.example",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "django.db.backends.postgresql portal db.example 60 True"
    assert lines[1] == "redis://cache.example:6379/2"
    assert lines[2] == "['a.example', 'b.example']"
    assert lines[3] == "['https://a.example']"
    assert lines[4] == "/srv/media"
    assert lines[5] == "https://a.example"


def test_default_database_is_sqlite_without_database_url():
    result = run_django(
        "print(settings.DATABASES['default']['ENGINE'])", DJANGO_SETTINGS_MODULE="netportal.settings.dev"
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check", DJANGO_SETTINGS_MODULE="netportal.settings.production", ALLOWED_HOSTS="a.example")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "netportal: configuration error: SECRET_KEY must be set to a random value of at least 50 characters "
        "in production."
    ]


def test_production_refuses_a_weak_secret_key():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="netportal.settings.production", SECRET_KEY="short", ALLOWED_HOSTS="x"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="netportal.settings.production", SECRET_KEY=secrets.token_urlsafe(60)
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_passes_deploy_checks_without_warnings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="netportal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="portal.example.org",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_the_page_cache_without_a_shared_cache():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="netportal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="portal.example.org",
        REDIS_URL="",
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "netportal: configuration error: The page cache needs a shared cache: set REDIS_URL, "
        "or set PAGE_CACHE_ENABLED=false."
    ]


def test_production_runs_without_redis_when_the_page_cache_is_off():
    result = run_manage(
        "check",
        DJANGO_SETTINGS_MODULE="netportal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="portal.example.org",
        REDIS_URL="",
        PAGE_CACHE_ENABLED="false",
    )
    assert result.returncode == 0, result.stderr


def test_malformed_database_url_stops_with_one_clear_line():
    for url in ("nonsense", "mysql://user@host/db", "postgres://"):
        result = run_manage("check", DJANGO_SETTINGS_MODULE="netportal.settings.dev", DATABASE_URL=url)
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "DATABASE_URL" in lines[0]
        assert "Traceback" not in result.stderr
