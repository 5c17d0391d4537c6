"""A web server of our own on 127.0.0.1 serving every case the link checker meets; no request leaves the machine."""

import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

SLOW_SECONDS = 2.0


class Handler(BaseHTTPRequestHandler):
    # path -> (status, Location) for HEAD and GET alike
    ROUTES = {
        "/ok": (200, None),
        "/moved": (301, "/ok"),
        "/moved-308": (308, "/ok"),
        "/moved-twice": (301, "/moved-308"),
        "/temporary": (302, "/ok"),
        "/missing": (404, None),
        "/gone": (410, None),
        "/error": (500, None),
        "/loop": (301, "/loop"),
        "/moved-to-missing": (301, "/missing"),
    }

    def log_message(self, *args):
        pass

    def answer(self, status, location=None, body=b""):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def handle_any(self):
        server = self.server
        with server.lock:
            server.requests.append((self.command, self.path, self.headers.get("User-Agent", "")))
            server.active += 1
            server.most_at_once = max(server.most_at_once, server.active)
        path = self.path.split("?")[0]
        try:
            if path == "/slow":
                time.sleep(SLOW_SECONDS)
                self.answer(200)
            elif path == "/busy":
                time.sleep(0.3)
                self.answer(200)
            elif path == "/no-head":
                self.answer(405 if self.command == "HEAD" else 200, body=b"hello")
            else:
                status, location = self.ROUTES.get(path, (404, None))
                self.answer(status, location, body=b"x" * 100)
        finally:
            with server.lock:
                server.active -= 1

    do_HEAD = handle_any  # noqa: N815 (http.server calls them by these names)
    do_GET = handle_any  # noqa: N815


class LocalServer:
    def __init__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.lock = threading.Lock()
        self.httpd.requests = []
        self.httpd.active = 0
        self.httpd.most_at_once = 0
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    @property
    def requests(self):
        return self.httpd.requests


@pytest.fixture
def server():
    local = LocalServer()
    local.thread.start()
    yield local
    local.httpd.shutdown()
    local.httpd.server_close()


@pytest.fixture
def refused_url():
    """An address on 127.0.0.1 where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@pytest.fixture(autouse=True)
def only_this_machine(settings):
    """The checker refuses every other host, so no test can send a request off 127.0.0.1."""
    settings.LINKCHECKS_ALLOWED_HOSTS = {"127.0.0.1"}
    settings.LINKCHECKS_TIMEOUT_SECONDS = 0.5


@pytest.fixture
def bad_tls_url(tmp_path):
    """An HTTPS server on 127.0.0.1 with a self-signed certificate, which no client should trust."""
    if not shutil.which("openssl"):
        pytest.skip("no openssl to make a certificate")
    key, certificate = tmp_path / "key.pem", tmp_path / "certificate.pem"
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"]
    subprocess.run(
        [*command, "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    local = LocalServer()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    local.httpd.socket = context.wrap_socket(local.httpd.socket, server_side=True)
    local.thread.start()
    yield f"https://127.0.0.1:{local.httpd.server_address[1]}/ok"
    local.httpd.shutdown()
    local.httpd.server_close()
