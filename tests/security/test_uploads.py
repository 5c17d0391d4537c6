"""Uploads: size and pixel limits, no SVG, and risky documents downloaded instead of opened."""

import io

import pytest
import wagtail_factories
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model

from netportal.core.models import CustomImage

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(size=(64, 64)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, format="PNG")
    return buffer.getvalue()


def post_image(client, upload):
    data = {"title": "A scan", "alt_text": "A scan of the abdomen", "caption": "", "credit": "", "tags": ""}
    return client.post(reverse("wagtailimages:add"), {**data, "file": upload})


def post_document(client, upload):
    return client.post(reverse("wagtaildocs:add"), {"title": "A leaflet", "file": upload, "tags": ""})


def form_errors(response, field="file"):
    assert response.status_code == 200, response.status_code
    return " ".join(response.context["form"].errors[field])


def test_upload_limits_are_set():
    assert 0 < django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 20 * MEGABYTE
    assert 0 < django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 100_000_000
    assert 0 < django_settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 20 * MEGABYTE
    assert 0 < django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * MEGABYTE
    assert "svg" not in django_settings.WAGTAILIMAGES_EXTENSIONS
    risky = {"svg", "html", "htm", "xhtml", "xml", "js", "mjs", "exe", "swf"}
    assert not risky & set(django_settings.WAGTAILDOCS_EXTENSIONS)


def test_svg_image_upload_is_refused(admin_client):
    response = post_image(admin_client, SimpleUploadedFile("logo.svg", SVG, content_type="image/svg+xml"))
    assert "Not a supported image format" in form_errors(response)
    assert not CustomImage.objects.exists()


def test_image_with_too_many_pixels_is_refused(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000
    response = post_image(admin_client, SimpleUploadedFile("wide.png", png((100, 100)), content_type="image/png"))
    assert "pixels" in form_errors(response)
    assert not CustomImage.objects.exists()


def test_document_over_the_size_limit_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1_000
    upload = SimpleUploadedFile("leaflet.pdf", b"%PDF-1.4\n" + b"0" * 2_000, content_type="application/pdf")
    message = form_errors(post_document(admin_client, upload))
    assert "too large" in message or "too big" in message, message
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "script.js"])
def test_document_types_that_run_in_the_browser_are_refused(admin_client, name):
    upload = SimpleUploadedFile(name, b"<script>alert(1)</script>")
    assert "extension" in form_errors(post_document(admin_client, upload)).lower()
    assert not get_document_model().objects.exists()


def download(client, name, content):
    document = wagtail_factories.DocumentFactory(title=name, file=ContentFile(content, name=name))
    response = client.get(document.url)
    assert response.status_code == 200, document.url
    return response


@pytest.mark.parametrize("name", ["table.csv", "letter.docx", "letter.odt", "slides.pptx", "sheet.xlsx", "note.rtf"])
def test_risky_documents_are_downloaded_as_attachments(client, name):
    response = download(client, name, b"<html><script>alert(1)</script></html>")
    assert response["Content-Disposition"].startswith("attachment"), response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["leaflet.pdf", "notes.txt"])
def test_only_pdf_and_plain_text_open_in_the_browser(client, name):
    response = download(client, name, b"%PDF-1.4\n" if name.endswith(".pdf") else b"<script>alert(1)</script>")
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"].split(";")[0] in django_settings.WAGTAILDOCS_INLINE_CONTENT_TYPES
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_request_body_over_the_memory_limit_is_refused_with_a_400(client, public_site, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post(
        reverse("governance:suggest_association"),
        {"name": "A group", "message": "x" * 20_000},
    )
    assert response.status_code == 400
    assert response.content.strip()
