"""Real servers for the scale-out tests: PostgreSQL and Redis shared by two gunicorn instances,
and Debian's varnishd in front of one of them. Every server listens on 127.0.0.1 only."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
import redis
import requests

from bench.varnish import varnishd_path
from tests.security.servers import port_is_open, postgres_server, wait_for

ROOT = Path(__file__).resolve().parents[2]
DATABASE_NAME = "netportal_scaleout"
REDIS_URL = "redis://127.0.0.1:6379/5"  # this suite's own Redis database
# Ports for the servers started here (8340-8359; the security tests use 8310-8339).
FIRST_PORT, SECOND_PORT, VARNISH_PORT = 8341, 8342, 8351
ADMIN_PASSWORD = secrets.token_urlsafe(16)


SERVER = postgres_server()
NEEDS_POSTGRES = pytest.mark.skipif(
    not port_is_open(SERVER["port"], SERVER["host"]), reason=f"no PostgreSQL at {SERVER['host']}:{SERVER['port']}"
)


def server_environment(**extra):
    credentials = SERVER["user"] + (f":{SERVER['password']}" if SERVER["password"] else "")
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(
        # Development settings without debug: plain static files, so no collectstatic step.
        DJANGO_SETTINGS_MODULE="netportal.settings.dev",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"postgres://{credentials}@{SERVER['host']}:{SERVER['port']}/{DATABASE_NAME}",
        REDIS_URL=REDIS_URL,
        PAGE_CACHE_ENABLED="true",
        RELEASE_ID="scale-out-tests",
        LOG_LEVEL="ERROR",
        **extra,
    )
    return environment


def manage(*args, environment=None):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment or server_environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def republish_association(pk, **environment):
    """Publish an association again from a management command (another process, as cron is)."""
    script = f"from organizations.models import Association; Association.objects.get(pk={pk}).save_revision().publish()"
    manage("shell", "-c", script, environment=server_environment(**environment))


def recreate_database():
    connection = psycopg2.connect(dbname="postgres", **SERVER)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    connection.close()


@pytest.fixture(scope="session")
def shared_site():
    """A fresh PostgreSQL database with the demo content and an administrator, and an empty Redis."""
    if not port_is_open(SERVER["port"], SERVER["host"]):
        pytest.skip("no PostgreSQL server")
    recreate_database()
    redis.Redis.from_url(REDIS_URL).flushdb()
    manage("migrate", "--noinput")
    manage("load_portal_content")
    script = (
        "import json; from django.contrib.auth import get_user_model; "
        "from organizations.models import Association; "
        f"get_user_model().objects.create_superuser('scaleout', 'scaleout@example.org', {ADMIN_PASSWORD!r}); "
        "a = Association.objects.get(slug='lacnets'); "
        "print(json.dumps({'pk': a.pk, 'slug': a.slug, 'name': a.name}))"
    )
    return json.loads(manage("shell", "-c", script).strip().splitlines()[-1])


class Gunicorn:
    """One gunicorn instance of the portal on a local port (its own processes, its own memory)."""

    def __init__(self, port, log_path, workers=2, **environment):
        self.port = port
        self.log_path = log_path
        self.workers = workers
        self.environment = server_environment(**environment)
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        assert not port_is_open(self.port), f"port {self.port} is already taken"
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "netportal.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--timeout",
                    "60",
                ],
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        assert wait_for(lambda: self.answers(), timeout=90), self.log_path.read_text()[-3000:]

    def answers(self):
        try:
            return requests.get(self.url + "/healthz", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture
def gunicorn_pair(shared_site, tmp_path):
    first = Gunicorn(FIRST_PORT, tmp_path / "first.log")
    second = Gunicorn(SECOND_PORT, tmp_path / "second.log")
    try:
        first.start()
        second.start()
        yield first, second
    finally:
        first.stop()
        second.stop()


def varnish_available():
    return varnishd_path() is not None


def log_in(session, base_url, username="scaleout", password=None):
    """Sign in to the Wagtail admin as a person would: the form, its CSRF token, the session cookie."""
    session.get(base_url + "/admin/login/", timeout=30)
    response = session.post(
        base_url + "/admin/login/",
        data={
            "username": username,
            "password": password or ADMIN_PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
            "next": "/admin/",
        },
        timeout=30,
    )
    assert "sessionid" in session.cookies, response.text[:2000]
    return session


def admin_post(session, base_url, path):
    """GET an admin confirmation page, then confirm it with the CSRF token (e.g. unpublish)."""
    assert session.get(base_url + path, timeout=30).status_code == 200
    response = session.post(base_url + path, data={"csrfmiddlewaretoken": session.cookies["csrftoken"]}, timeout=30)
    assert response.status_code in (200, 302), response.status_code
    return response
