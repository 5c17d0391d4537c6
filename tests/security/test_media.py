"""Finding 8: /media/ never answers 500, and production leaves media to the web server."""

import pytest

from tests.core.test_settings import run_django

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.txt").write_text("a photo")
    return "/media/images/photo.txt"


def test_an_uploaded_file_is_served_in_development(client, media_file):
    response = client.get(media_file)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"a photo"


@pytest.mark.parametrize(
    "path",
    [
        "/media/" + "a" * 300 + ".jpg",  # longer than a file name may be: OSError before
        "/media/images/" + "é" * 200,  # 400 bytes in UTF-8
        "/media/" + "a" * 300 + "/photo.txt",
        "/media/images/%00.jpg",
        "/media/images/photo.txt%00.jpg",
        "/media/../../etc/passwd",
        "/media/%2e%2e/%2e%2e/etc/passwd",
        "/media/images/",
        "/media/",
        "/media/images/missing.jpg",
        "/media/" + "x/" * 3000,
    ],
)
def test_odd_media_paths_answer_404_never_500(client, media_file, path):
    assert client.get(path).status_code == 404


def test_media_refuses_writes(client, media_file):
    assert client.post(media_file).status_code == 405


def test_production_leaves_media_to_the_web_server_unless_told_otherwise():
    production = {
        "DJANGO_SETTINGS_MODULE": "netportal.settings.production",
        "SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "portal.example",
        "PAGE_CACHE_ENABLED": "false",  # one process, no shared cache: not what is checked here
    }
    code = (
        "from django.urls import Resolver404, resolve\n"
        "try: view = resolve('/media/x.jpg').func.__name__\n"
        "except Resolver404: view = 'none'\n"
        "print(settings.SERVE_MEDIA, view)"
    )
    default = run_django(code, **production)
    assert default.returncode == 0, default.stderr
    assert default.stdout.split() == ["False", "none"]
    switched_on = run_django(code, SERVE_MEDIA="true", **production)
    assert switched_on.stdout.split() == ["True", "media"], switched_on.stderr
    development = run_django("print(settings.SERVE_MEDIA)", DJANGO_SETTINGS_MODULE="netportal.settings.dev")
    assert development.stdout.strip() == "True"


@pytest.mark.parametrize(("value", "expected"), [("", "0"), ("1", "1"), ("2", "2")])
def test_trusted_proxy_count_comes_from_the_environment(value, expected):
    environment = {"DJANGO_SETTINGS_MODULE": "netportal.settings.dev"}
    if value:
        environment["TRUSTED_PROXY_COUNT"] = value
    result = run_django("print(settings.TRUSTED_PROXY_COUNT)", **environment)
    assert result.stdout.strip() == expected, result.stderr


@pytest.mark.parametrize("value", ["many", "-1", "1.5", "99"])
def test_a_bad_trusted_proxy_count_stops_start_up_with_one_clear_line(value):
    result = run_django("", DJANGO_SETTINGS_MODULE="netportal.settings.dev", TRUSTED_PROXY_COUNT=value)
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be a whole number from 0 to 10." in result.stderr
