"""Browser tests: one real server and one Chromium per session.

The server is `manage.py runserver` in its own process on 127.0.0.1, with DEBUG off (so the
styled error pages show), on a scratch SQLite database that holds the demo content
(`load_portal_content`) and one staff account. Tests drive Debian's Chromium through
Playwright; `playwright install` is never needed.

Without Chromium the browser tests are skipped with "skipped: no chromium", except when
CI=true, where they fail instead: CI must never skip them.
"""

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The same flags bench/lighthouse.sh passes: no network chatter, no GPU, works as root in a container.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PORT_RANGE = range(8100, 8200)
SERVER_START_TIMEOUT = 60  # seconds, after migrations and content loading
STAFF_USERNAME = "e2e-staff"
# Members of the governance groups (netportal/governance/roles.py), for the medical review journey.
EDITOR_USERNAME = "e2e-editor"
REVIEWER_USERNAME = "e2e-reviewer"
NO_CHROMIUM = "skipped: no chromium"

MOBILE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
NARROWEST = {"width": 320, "height": 640}


def in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def chromium_available():
    return Path(CHROMIUM_PATH).is_file() and os.access(CHROMIUM_PATH, os.X_OK)


def pytest_collection_modifyitems(config, items):
    """Everything under tests/e2e is marked e2e; without Chromium it is skipped (or fails in CI)."""
    e2e_dir = Path(__file__).resolve().parent
    e2e_items = [item for item in items if e2e_dir in Path(str(item.fspath)).resolve().parents]
    for item in e2e_items:
        item.add_marker(pytest.mark.e2e)
    if e2e_items and not chromium_available() and not in_ci():
        for item in e2e_items:
            item.add_marker(pytest.mark.skip(reason=NO_CHROMIUM))


def pytest_report_header(config):
    if chromium_available():
        return f"e2e: chromium at {CHROMIUM_PATH}"
    if in_ci():
        return f"e2e: no chromium at {CHROMIUM_PATH}; CI=true, so the browser tests will fail"
    return f"e2e: {NO_CHROMIUM} (install Debian's chromium package, or run `make test` as root)"


def free_port():
    for port in PORT_RANGE:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {PORT_RANGE.start}-{PORT_RANGE.stop - 1} for the e2e server.")


def server_environment(workdir):
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="netportal.settings.dev",
        DEBUG="false",
        DATABASE_URL=f"sqlite:///{workdir / 'e2e.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # As in production: journeys that publish prove the page cache is cleared.
        PAGE_CACHE_ENABLED="true",
        PYTHONUNBUFFERED="1",
    )
    return env


SETUP_SCRIPT = """
import os, sys
import django
django.setup()
from django.core.management import call_command
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
call_command("migrate", interactive=False, verbosity=0)
call_command("load_portal_content", verbosity=0)
users = get_user_model().objects
users.create_superuser(sys.argv[1], "", os.environ["E2E_STAFF_PASSWORD"])
for username, group, first_name in [(sys.argv[2], "Editors", "Edna"), (sys.argv[3], "Medical reviewers", "Remy")]:
    member = users.create_user(username, password=os.environ["E2E_STAFF_PASSWORD"], first_name=first_name)
    member.groups.add(Group.objects.get(name=group))
from netportal.governance.models import ReviewerProfile
ReviewerProfile.objects.create(
    user=users.get(username=sys.argv[3]), display_name=sys.argv[4], professional_role=sys.argv[5]
)
"""
# The reviewer's profile, as an administrator keeps it: how approved pages name their reviewer.
REVIEWER_DISPLAY_NAME = "Dr Remy Example"
REVIEWER_ROLE = "consultant in nuclear medicine"


@pytest.fixture(scope="session")
def staff_password():
    return secrets.token_urlsafe(18)


@pytest.fixture(scope="session")
def staff_credentials(staff_password):
    """A superuser."""
    return {"username": STAFF_USERNAME, "password": staff_password}


@pytest.fixture(scope="session")
def editor_credentials(staff_password):
    """A member of the Editors group: edits health pages, submits them for medical review."""
    return {"username": EDITOR_USERNAME, "password": staff_password, "first_name": "Edna"}


@pytest.fixture(scope="session")
def reviewer_credentials(staff_password):
    """A member of the Medical reviewers group with a reviewer profile: approves health pages."""
    return {
        "username": REVIEWER_USERNAME,
        "password": staff_password,
        "first_name": "Remy",
        "display_name": REVIEWER_DISPLAY_NAME,
        "role": REVIEWER_ROLE,
    }


@pytest.fixture(scope="session")
def live_server_url(tmp_path_factory, staff_credentials):
    """A real runserver process with the demo content; yields its base URL."""
    workdir = tmp_path_factory.mktemp("e2e-server")
    env = server_environment(workdir)
    setup = subprocess.run(
        [
            sys.executable,
            "-c",
            SETUP_SCRIPT,
            STAFF_USERNAME,
            EDITOR_USERNAME,
            REVIEWER_USERNAME,
            REVIEWER_DISPLAY_NAME,
            REVIEWER_ROLE,
        ],
        cwd=REPO_DIR,
        env={**env, "E2E_STAFF_PASSWORD": staff_credentials["password"]},
        capture_output=True,
        text=True,
        check=False,
    )
    if setup.returncode:
        pytest.fail(f"Preparing the e2e database failed:\n{setup.stdout}\n{setup.stderr}")
    port = free_port()
    log_path = workdir / "server.log"
    with log_path.open("w") as log:
        # --insecure: serve /static/ from the finders with DEBUG off, as WhiteNoise does after collectstatic.
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            cwd=REPO_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, server, log_path)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until_healthy(base_url, server, log_path):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"The e2e server exited with {server.returncode}:\n{log_path.read_text()}")
        connection = http.client.HTTPConnection(urlsplit(base_url).netloc, timeout=2)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)
        finally:
            connection.close()
    pytest.fail(f"The e2e server did not answer /healthz within {SERVER_START_TIMEOUT}s:\n{log_path.read_text()}")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not chromium_available():
        # Only reached in CI (elsewhere the tests were skipped at collection).
        pytest.fail(f"CI=true but there is no Chromium at {CHROMIUM_PATH}; install Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server_url):
    """Opens pages in fresh browser contexts (own cookies, viewport, JavaScript on or off)."""
    contexts = []

    def open_page(viewport=DESKTOP, java_script_enabled=True, bypass_csp=False):
        context = browser.new_context(
            base_url=live_server_url,
            viewport=viewport,
            java_script_enabled=java_script_enabled,
            bypass_csp=bypass_csp,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-sized page with JavaScript on."""
    return new_page()


def sign_in(page, credentials):
    """Signs in to the Wagtail admin through its login form; ends on the dashboard."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(credentials["username"])
    page.get_by_label("Password").fill(credentials["password"])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    return page


@pytest.fixture
def staff_page(new_page, staff_credentials):
    """A desktop page already signed in to the Wagtail admin as a superuser."""
    return sign_in(new_page(), staff_credentials)


@pytest.fixture(scope="session")
def axe_installed():
    from tests.e2e.accessibility import AXE_SCRIPT

    if not AXE_SCRIPT.is_file():
        message = f"axe-core is not installed at {AXE_SCRIPT}; run `npm ci` in the repository root."
        if in_ci():
            pytest.fail(message)
        pytest.skip(f"skipped: {message}")


@pytest.fixture(scope="session")
def artifacts_dir():
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    return ARTIFACTS_DIR
