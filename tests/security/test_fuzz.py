"""Hostile input on every public endpoint: more than 10,000 generated requests, never a server error.

Each test sends one family of hostile requests (query strings, paths, page numbers, methods and
bodies, Host headers, other headers, uploaded-media paths, suggestion and contact form submissions) through
Django's test client to every public URL the site has. Every answer must be below 500, must not
carry an injected marker unescaped, and a 4xx must say what went wrong (a body, or an Allow header
for a wrong method).
"""

import json
import time
from collections import Counter
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings as django_settings
from django.http.request import split_domain_port, validate_host
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.security.conftest import FUZZ_SUMMARY, public_urls

pytestmark = pytest.mark.django_db

# Injected into generated input; none may come back unescaped.
SCRIPT_MARKER = "<script>fuzz()</script>"
ATTRIBUTE_MARKER = '"><img src=x onerror=fuzz()>'
RAW_MARKERS = (b"<script>fuzz()", b"<img src=x onerror=fuzz()")

ODD_STRINGS = [
    "\x00",
    "a\x00b",
    "\u202e",  # right-to-left override
    "\ufeff",
    "\u200b",
    "\U0001f4a5",
    "\u0301" * 40,  # a pile of combining accents
    "ǅ",
    "İ",
    "ß",
    "Ⅻ",
    "日本語",
    "Ελληνικά",
    "%",
    "%%",
    "%zz",
    "%ff",
    "%c0%af",
    "%00",
    "&",
    "=",
    "+",
    ";",
    "#",
    "../../etc/passwd",
    "..\\..\\windows",
    "' OR '1'='1",
    '"; DROP TABLE wagtailcore_page; --',
    "{{ 7|add:7 }}",
    "{% debug %}",
    "${7*7}",
    "\r\nSet-Cookie: fuzz=1",
    "javascript:fuzz()",
    SCRIPT_MARKER,
    ATTRIBUTE_MARKER,
    "-1",
    "0",
    "1e309",
    "NaN",
    "9" * 40,
]

# Raw query-string pieces that urlencode would never produce.
RAW_QUERY_PIECES = [
    "%",
    "%zz",
    "q=%ff%fe",
    "q=%E0%A4%A",
    "q=%C0%AE%C0%AE%2F",
    "q=%00",
    "page=%00",
    "q[]=a&q[]=b",
    "q=a&q=b&q=c",
    "q[0]=x&q[1]=y",
    "=&=&",
    "&&&",
    "q",
    "page=99999999999999999999999999",
    "page=-1",
    "page=0",
    "page=1e309",
    "page=NaN",
    "page=last",
    "page=%2B1",
    "format=../../settings",
    "country=%3Cscript%3Efuzz()%3C/script%3E",
]

PARAMETER_NAMES = [
    "q",
    "page",
    "country",
    "region",
    "scope",
    "format",
    "sort",
    "lang",
    "q[]",
    "page[]",
    "country[]",
    "q[0]",
    "utm_source",
    "",
]


hostile_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(ODD_STRINGS),
    st.lists(st.one_of(st.sampled_from(ODD_STRINGS), st.text(max_size=6)), min_size=2, max_size=6).map("".join),
    # Very long input, made cheaply from a short piece.
    st.tuples(st.sampled_from(["a", "é", "日", "%", "\U0001f4a5", SCRIPT_MARKER]), st.integers(300, 6000)).map(
        lambda pair: pair[0] * pair[1]
    ),
)
parameter_name = st.one_of(st.sampled_from(PARAMETER_NAMES), st.text(max_size=8))
parameters = st.lists(st.tuples(parameter_name, hostile_text), max_size=6)
page_number = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "1", "2", "last", "0x10", " 3 ", "1.0", "\u0661", "²", "9" * 400]),
    hostile_text,
)


@st.composite
def query_strings(draw):
    """A query string mixing well-formed parameters with raw, broken pieces."""
    parts = []
    well_formed = draw(parameters)
    if well_formed:
        parts.append(urlencode(well_formed))
    parts.extend(draw(st.lists(st.sampled_from(RAW_QUERY_PIECES), max_size=3)))
    draw(st.randoms()).shuffle(parts)
    return "&".join(parts)


path_segment = st.one_of(
    hostile_text.map(lambda text: quote(text, safe="")),
    st.sampled_from(["%zz", "%ff%fe", "%00", "%2e%2e", "..%2f..%2f", "..;", "%c0%ae%c0%ae", "%252e", "~", "-", "_"]),
    st.text(alphabet="abc/.%-_~", max_size=20),
)


class FuzzLog:
    """Counts what was sent, per family, and remembers every server error."""

    def __init__(self):
        self.sent = Counter()
        self.sent_to = Counter()
        self.server_errors = []
        self.started = time.monotonic()

    def send(self, family, client, method, path, **kwargs):
        response = getattr(client, method.lower())(path, **kwargs)
        self.sent[family] += 1
        self.sent_to[path] += 1
        if response.status_code >= 500:
            self.server_errors.append((method, path, response.status_code))
        check(response, method, path)
        return response

    @property
    def total(self):
        return sum(self.sent.values())


FAMILIES = {
    "query": 3000,
    "path": 2000,
    "page": 1200,
    "method": 1600,
    "host": 1200,
    "header": 1000,
    "media": 800,
    "form": 800,
}
assert sum(FAMILIES.values()) >= 10_000


@pytest.fixture(scope="module")
def fuzz_log(request):
    log = FuzzLog()
    yield log
    # Shown in pytest's closing summary (see tests/security/conftest.py).
    request.config.stash[FUZZ_SUMMARY] = (
        f"fuzz: {log.total} hostile requests ({', '.join(f'{k} {v}' for k, v in log.sent.items())}), "
        f"{len(log.server_errors)} server errors, {time.monotonic() - log.started:.0f} s"
    )


def check(response, method, path):
    """The rules every answer follows, whatever was sent."""
    assert response.status_code < 500, f"{method} {path[:300]!r} answered {response.status_code}"
    body = response.content if not response.streaming else b"".join(response.streaming_content)
    if response.get("Content-Type", "").startswith("application/json"):
        # Inside JSON the input is escaped for JSON; with nosniff no browser renders it as HTML.
        if method != "HEAD":
            json.loads(body)
        assert response["X-Content-Type-Options"] == "nosniff"
    else:
        for marker in RAW_MARKERS:
            assert marker not in body, f"{method} {path[:300]!r} reflected {marker!r} unescaped"
    if 400 <= response.status_code < 500 and method != "HEAD":
        if response.status_code == 405:
            assert response.headers.get("Allow"), f"405 without Allow for {method} {path[:200]!r}"
        else:
            assert body.strip(), f"{response.status_code} with an empty body for {method} {path[:200]!r}"


def join_query(url, query):
    return f"{url}{'&' if '?' in url else '?'}{query}"


FUZZ_SETTINGS = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
        HealthCheck.large_base_example,
    ],
}


def test_hostile_query_strings_never_cause_a_server_error(client, public_site, fuzz_log):
    urls = public_urls()

    @settings(max_examples=FAMILIES["query"], **FUZZ_SETTINGS)
    @given(url=st.sampled_from(urls), query=query_strings())
    def send(url, query):
        fuzz_log.send("query", client, "GET", join_query(url, query))

    send()
    assert fuzz_log.sent["query"] >= FAMILIES["query"]


def test_hostile_paths_never_cause_a_server_error(client, public_site, fuzz_log):
    urls = [url for url in public_urls() if "?" not in url]

    @settings(max_examples=FAMILIES["path"], **FUZZ_SETTINGS)
    @given(url=st.sampled_from(["", *urls]), segments=st.lists(path_segment, min_size=1, max_size=4))
    def send(url, segments):
        path = url.rstrip("/") + "/" + "/".join(segments)
        fuzz_log.send("path", client, "GET", path if path.startswith("/") else "/" + path)

    send()
    assert fuzz_log.sent["path"] >= FAMILIES["path"]


def test_huge_and_odd_page_numbers_never_cause_a_server_error(client, public_site, fuzz_log):
    urls = public_urls()

    @settings(max_examples=FAMILIES["page"], **FUZZ_SETTINGS)
    @given(url=st.sampled_from(urls), page=page_number, query=hostile_text)
    def send(url, page, query):
        fuzz_log.send("page", client, "GET", join_query(url, urlencode({"q": query, "page": page})))

    send()
    assert fuzz_log.sent["page"] >= FAMILIES["page"]


def test_wrong_methods_and_broken_bodies_never_cause_a_server_error(public_site, fuzz_log):
    client = Client(enforce_csrf_checks=True)
    urls = public_urls()
    bodies = st.one_of(
        parameters.map(lambda pairs: (urlencode(pairs), "application/x-www-form-urlencoded")),
        hostile_text.map(lambda text: (text, "application/json")),
        st.binary(max_size=200).map(lambda data: (data, "multipart/form-data; boundary=fuzz")),
        st.binary(max_size=200).map(lambda data: (data, "multipart/form-data")),
        st.binary(max_size=200).map(lambda data: (data, "text/xml")),
    )

    @settings(max_examples=FAMILIES["method"], **FUZZ_SETTINGS)
    @given(
        url=st.sampled_from(urls),
        method=st.sampled_from(["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "HEAD"]),
        body=bodies,
    )
    def send(url, method, body):
        data, content_type = body
        if method in {"HEAD", "OPTIONS", "TRACE"}:
            fuzz_log.send("method", client, method, url)
        else:
            fuzz_log.send("method", client, method, url, data=data, content_type=content_type)

    send()
    assert fuzz_log.sent["method"] >= FAMILIES["method"]


host_header = st.one_of(
    st.sampled_from(
        [
            "evil.example",
            "localhost:abc",
            "localhost:99999",
            "[::1",
            "[::1]:80",
            "localhost.",
            "..",
            "a" * 300,
            "localhost\x00",
            "localhost evil.example",
            "localhost@evil.example",
            "127.0.0.1:80:80",
            "testserver",
        ]
    ),
    st.text(max_size=40),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789.-:[]", max_size=40),
)


def test_bad_host_headers_get_a_clear_400_and_never_a_server_error(public_site, fuzz_log):
    client = Client()
    urls = public_urls()

    @settings(max_examples=FAMILIES["host"], **FUZZ_SETTINGS)
    @given(url=st.sampled_from(urls), host=host_header)
    def send(url, host):
        response = fuzz_log.send("host", client, "GET", url, HTTP_HOST=host)
        domain, _port = split_domain_port(host)
        if not (domain and validate_host(domain, django_settings.ALLOWED_HOSTS)):
            assert response.status_code == 400, f"host {host!r} answered {response.status_code}"
            assert b"Bad request" in response.content

    send()
    assert fuzz_log.sent["host"] >= FAMILIES["host"]


def test_hostile_request_headers_never_cause_a_server_error(public_site, fuzz_log):
    client = Client()
    urls = public_urls()
    header_value = hostile_text.map(lambda text: text.encode("utf-8", "replace").decode("latin-1"))

    @settings(max_examples=FAMILIES["header"], **FUZZ_SETTINGS)
    @given(
        url=st.sampled_from(urls),
        name=st.sampled_from(
            [
                "HTTP_ACCEPT_LANGUAGE",
                "HTTP_COOKIE",
                "HTTP_REFERER",
                "HTTP_USER_AGENT",
                "HTTP_X_FORWARDED_FOR",
                "HTTP_X_FORWARDED_PROTO",
                "HTTP_IF_MODIFIED_SINCE",
                "HTTP_IF_NONE_MATCH",
                "HTTP_RANGE",
                "HTTP_ACCEPT",
                "HTTP_ORIGIN",
            ]
        ),
        value=header_value,
    )
    def send(url, name, value):
        fuzz_log.send("header", client, "GET", url, **{name: value})

    send()
    assert fuzz_log.sent["header"] >= FAMILIES["header"]


media_name = st.one_of(
    path_segment,
    st.tuples(st.sampled_from(["a", "é", "日", "%2e", "%00", ".", "x/"]), st.integers(100, 2000)).map(
        lambda pair: pair[0] * pair[1]
    ),
    st.sampled_from(["images/photo.jpg", "images/", "images/photo.jpg/", "images//photo.jpg", "images/photo.jpg%00"]),
)


def test_hostile_media_paths_never_cause_a_server_error(client, public_site, fuzz_log, settings, tmp_path):
    """Finding 8: over-long names, NUL bytes and climbing paths under /media/ answer 404, not 500."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.jpg").write_bytes(b"not really a photo")
    assert client.get("/media/images/photo.jpg").status_code == 200  # the route is there

    @hypothesis_settings(max_examples=FAMILIES["media"], **FUZZ_SETTINGS)
    @given(segments=st.lists(media_name, min_size=1, max_size=3), query=st.one_of(st.just(""), query_strings()))
    def send(segments, query):
        path = "/media/" + "/".join(segments)
        fuzz_log.send("media", client, "GET", join_query(path, query) if query else path)

    send()
    assert fuzz_log.sent["media"] >= FAMILIES["media"]


SUGGESTION_FIELDS = ["name", "country", "website", "email", "message", "contact_email", "homepage"]
# The contact form's fields are named after their labels (Wagtail's form builder).
CONTACT_FIELDS = ["your_name", "your_email_address", "your_message"]


def test_hostile_form_submissions_never_cause_a_server_error(public_site, fuzz_log, settings):
    """Both suggestion forms and the contact form, with hostile values in every field, from
    ever-changing client addresses (so the rate limits let the forms see the input) and with
    forged X-Forwarded-For headers."""
    from netportal.governance.models import ContactPage

    client = Client()
    urls = [url for url in public_urls() if url.startswith("/suggest/") and "thank" not in url]
    assert len(urls) == 2, urls
    contact_url = ContactPage.objects.live().get().get_url()
    urls.append(contact_url)
    assert client.get(contact_url).status_code == 200
    address = st.tuples(*[st.integers(1, 254)] * 3).map(lambda parts: "10.{}.{}.{}".format(*parts))
    fields = st.dictionaries(
        st.one_of(st.sampled_from(SUGGESTION_FIELDS + CONTACT_FIELDS), st.text(max_size=8)), hostile_text, max_size=8
    )

    @hypothesis_settings(max_examples=FAMILIES["form"], **FUZZ_SETTINGS)
    @given(
        url=st.sampled_from(urls),
        data=fields,
        remote=address,
        forwarded=st.one_of(st.none(), hostile_text, address),
        proxies=st.sampled_from([0, 1, 2]),
    )
    def send(url, data, remote, forwarded, proxies):
        settings.TRUSTED_PROXY_COUNT = proxies
        headers = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            headers["HTTP_X_FORWARDED_FOR"] = forwarded.encode("utf-8", "replace").decode("latin-1")
        fuzz_log.send("form", client, "POST", url, data=data, **headers)

    send()
    assert fuzz_log.sent["form"] >= FAMILIES["form"]
    assert fuzz_log.sent_to[contact_url] > FAMILIES["form"] // 10, "the contact form saw too little of the input"


def test_the_suite_sent_over_ten_thousand_requests_without_a_server_error(fuzz_log):
    if set(fuzz_log.sent) != set(FAMILIES):
        pytest.skip("only part of the fuzz suite was selected; the total needs every family")
    assert fuzz_log.total >= 10_000
    assert fuzz_log.server_errors == []
