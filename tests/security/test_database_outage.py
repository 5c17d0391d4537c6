"""When PostgreSQL goes away the site says so calmly, and the same process recovers when it returns.

A real gunicorn serves the portal from the real PostgreSQL at 127.0.0.1, through a TCP proxy the
test owns. Stopping the proxy is the outage (refused connections, broken sockets); starting it
again is the recovery. The shared PostgreSQL server keeps running throughout.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

import psycopg2
import pytest

from tests.security.conftest import GUNICORN_PORT, POSTGRES_PROXY_PORT, ROOT
from tests.security.servers import TcpProxy, port_is_open, postgres_server, wait_for

DATABASE_NAME = "netportal_security"


SERVER = postgres_server()
pytestmark = pytest.mark.skipif(
    not port_is_open(SERVER["port"], SERVER["host"]),
    reason=f"no PostgreSQL server at {SERVER['host']}:{SERVER['port']}",
)


def create_database_if_missing():
    connection = psycopg2.connect(dbname="postgres", **SERVER)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    connection.close()


def server_environment(database_port, page_cache=False):
    credentials = SERVER["user"] + (f":{SERVER['password']}" if SERVER["password"] else "")
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="netportal.settings.dev",
        DEBUG="false",
        DATABASE_URL=f"postgres://{credentials}@127.0.0.1:{database_port}/{DATABASE_NAME}",
        CONN_MAX_AGE="60",
        PAGE_CACHE_ENABLED="true" if page_cache else "false",
    )
    return environment


def run(*args, environment):
    result = subprocess.run(args, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def database_ready():
    """netportal_security, migrated, with the home page (directly, not through the proxy)."""
    create_database_if_missing()
    environment = server_environment(SERVER["port"])
    environment["DATABASE_URL"] = environment["DATABASE_URL"].replace(
        f"127.0.0.1:{SERVER['port']}", f"{SERVER['host']}:{SERVER['port']}"
    )
    run(sys.executable, "manage.py", "migrate", "--noinput", environment=environment)
    run(
        sys.executable,
        "manage.py",
        "shell",
        "-c",
        "from netportal.core.content import load_home; load_home(lambda message: None)",
        environment=environment,
    )


@pytest.fixture
def proxy(database_ready):
    proxy = TcpProxy(POSTGRES_PROXY_PORT, SERVER["host"], SERVER["port"])
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def gunicorn(request, proxy, tmp_path):
    """One gunicorn worker, production WSGI entry point, talking to PostgreSQL through the proxy.

    The page cache (local memory) is off unless the test is parametrized with `page_cache=True`.
    """
    page_cache = getattr(request, "param", False)
    assert not port_is_open(GUNICORN_PORT), f"port {GUNICORN_PORT} is already taken"
    log = tmp_path / "gunicorn.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "netportal.wsgi:application",
                "--bind",
                f"127.0.0.1:{GUNICORN_PORT}",
                "--workers",
                "1",
                "--timeout",
                "30",
            ],
            cwd=ROOT,
            env=server_environment(POSTGRES_PROXY_PORT, page_cache=page_cache),
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        assert wait_for(lambda: port_is_open(GUNICORN_PORT), timeout=60), log.read_text()
        yield process, log
    finally:
        process.terminate()
        process.wait(timeout=20)


def fetch(path):
    """(status, headers, body, seconds) for a GET to the test's gunicorn."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{GUNICORN_PORT}{path}", timeout=15) as response:
            return response.status, response.headers, response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(), time.monotonic() - started


def test_database_outage_gives_503s_and_the_same_process_recovers(gunicorn, proxy):
    process, log = gunicorn
    assert fetch("/healthz")[0] == 200
    status, _headers, body, _seconds = fetch("/")
    assert status == 200
    assert "<h1" in body

    proxy.stop()
    status, _headers, body, seconds = fetch("/healthz")
    assert status == 503
    assert '"database": "unreachable"' in body
    assert seconds < 5
    # The page cache is off here: every page asks the database (at least for the site), so
    # every page answers the calm 503.
    for path in ("/", "/about/", "/search/?q=tumour", "/no-such-page/"):
        status, headers, body, seconds = fetch(path)
        assert status == 503, path
        assert "temporarily unavailable" in body
        assert 'class="site-header"' in body
        assert 'rel="stylesheet"' in body
        assert headers["Retry-After"]
        assert headers["Content-Security-Policy"]
        assert "no-store" in headers["Cache-Control"] or "max-age=0" in headers["Cache-Control"]
        assert seconds < 5, f"{path} took {seconds:.1f} s during the outage"

    proxy.start()
    assert wait_for(lambda: fetch("/healthz")[0] == 200, timeout=10), "healthz did not recover"
    status, _headers, body, _seconds = fetch("/")
    assert status == 200
    assert "temporarily unavailable" not in body
    assert process.poll() is None, "gunicorn exited"
    assert log.read_text().count("Booting worker") == 1, "the worker was restarted"
    assert "Database unavailable while serving /" in log.read_text()


@pytest.mark.parametrize("gunicorn", [True], indirect=True, ids=["page-cache-on"])
def test_cached_pages_are_still_served_during_a_database_outage(gunicorn, proxy):
    process, _log = gunicorn
    status, headers, cached_body, _seconds = fetch("/")
    assert status == 200
    assert fetch("/")[1]["X-Cache"] == "hit"

    proxy.stop()
    status, headers, body, seconds = fetch("/")
    assert status == 200
    assert headers["X-Cache"] == "hit"
    assert body == cached_body
    assert seconds < 1
    # Pages never stored before the outage, and the health check, still say so.
    assert fetch("/search/?q=tumour")[0] == 503
    assert fetch("/healthz")[0] == 503

    proxy.start()
    assert wait_for(lambda: fetch("/healthz")[0] == 200, timeout=10), "healthz did not recover"
    assert fetch("/search/?q=tumour")[0] == 200
    assert process.poll() is None, "gunicorn exited"
