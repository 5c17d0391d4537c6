"""Checks external addresses: HEAD first, GET when HEAD is refused, redirects followed and recorded.

Plain `http.client`, one connection per request: a timeout on each request, a bounded number of
requests at once (a thread pool), a User-Agent that names the portal, at most `MAX_REDIRECTS`
hops. Nothing here touches the database; `tasks` records the results.
"""

import http.client
import ssl
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings

TIMEOUT_SECONDS = 10
MAX_WORKERS = 4
MAX_REDIRECTS = 5
PERMANENT_REDIRECTS = {301, 308}
REDIRECTS = {301, 302, 303, 307, 308}
# Servers that answer HEAD badly (no HEAD support, or a bot wall only for HEAD) get a GET.
RETRY_WITH_GET = {403, 404, 405, 501}
# A GET reads this much of the body at most: the status is what counts.
GET_READ_BYTES = 8192


def user_agent():
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    return f"netportal-linkcheck/1.0 (NET patient portal link checker; +{base})"


@dataclass
class CheckResult:
    url: str
    status: int | None = None
    final_url: str = ""
    error: str = ""
    # Every hop: (address, status).
    hops: list = field(default_factory=list)

    @property
    def ok(self):
        return self.status is not None and 200 <= self.status < 300

    @property
    def permanent_redirect(self):
        """True when every redirect on the way was permanent (and there was at least one)."""
        statuses = [status for _address, status in self.hops[:-1]]
        return bool(statuses) and all(status in PERMANENT_REDIRECTS for status in statuses)


def timeout_seconds():
    return getattr(settings, "LINKCHECKS_TIMEOUT_SECONDS", TIMEOUT_SECONDS)


def allowed_hosts():
    """Hosts checks may reach; None means any. Tests set LINKCHECKS_ALLOWED_HOSTS to 127.0.0.1 only."""
    return getattr(settings, "LINKCHECKS_ALLOWED_HOSTS", None)


def request(url, method, timeout):
    """(status, Location header) of one request, without following redirects."""
    parts = urlsplit(url)
    hosts = allowed_hosts()
    if hosts is not None and parts.hostname not in hosts:
        raise ConnectionRefusedError(f"host {parts.hostname} is not allowed here")
    if parts.scheme == "https":
        connection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=timeout, context=ssl.create_default_context()
        )
    elif parts.scheme == "http":
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    else:
        raise ValueError(f"not a web address: {url}")
    target = parts.path or "/"
    if parts.query:
        target += f"?{parts.query}"
    try:
        connection.request(method, target, headers={"User-Agent": user_agent(), "Accept": "*/*"})
        response = connection.getresponse()
        if method == "GET":
            response.read(GET_READ_BYTES)
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


def fetch(url, timeout):
    """Status of `url`: HEAD, then GET when HEAD fails or is refused."""
    try:
        status, location = request(url, "HEAD", timeout)
    except (TimeoutError, ConnectionRefusedError, ssl.SSLError):
        raise  # a GET would fare no better
    except (OSError, http.client.HTTPException):
        status, location = None, ""
    if status is None or status in RETRY_WITH_GET:
        status, location = request(url, "GET", timeout)
    return status, location


def check(url, timeout=None):
    """Follow `url` through its redirects; never raises."""
    timeout = timeout or timeout_seconds()
    result = CheckResult(url=url)
    address = url
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            status, location = fetch(address, timeout)
            result.hops.append((address, status))
            result.status, result.final_url = status, address
            if status in REDIRECTS and location:
                address = urljoin(address, location)
                continue
            return result
        result.error = f"more than {MAX_REDIRECTS} redirects"
        result.status = None
    except TimeoutError:
        result.status, result.error = None, f"no answer within {timeout} seconds"
    except ssl.SSLError as error:
        result.status, result.error = None, f"TLS error: {error.reason or error}"
    except (OSError, http.client.HTTPException, ValueError) as error:
        result.status, result.error = None, str(error) or error.__class__.__name__
    return result


def check_many(urls, timeout=None, workers=MAX_WORKERS):
    """{url: CheckResult}, at most `workers` requests at once."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(urls, pool.map(lambda url: check(url, timeout), urls), strict=True))
