"""Bad image uploads in the Wagtail admin give a clear form error and save nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from netportal.core.models import CustomImage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png_upload(name="scan.png", size=(64, 64)):
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def post_image(client, **fields):
    data = {"title": "A scan", "alt_text": "A scan of the abdomen", "caption": "", "credit": "", "tags": ""}
    data.update(fields)
    return client.post(reverse("wagtailimages:add"), data)


def saved_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


def test_a_complete_upload_is_saved(admin_client, media_root):
    response = post_image(admin_client, file=png_upload())
    assert response.status_code == 302
    assert CustomImage.objects.get().alt_text == "A scan of the abdomen"


def test_an_upload_without_alt_text_is_refused_with_a_clear_error(admin_client, media_root):
    response = post_image(admin_client, file=png_upload(), alt_text="")
    assert response.status_code == 200
    assert response.context["form"].errors["alt_text"] == ["This field is required."]
    assert "This field is required." in response.content.decode()
    assert not CustomImage.objects.exists()
    assert saved_files(media_root) == []


def test_an_image_over_the_upload_limit_is_refused(admin_client, settings, media_root):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2_000
    upload = png_upload(size=(200, 200))
    assert upload.size > 2_000
    response = post_image(admin_client, file=upload)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any("too large" in error or "too big" in error for error in errors), errors
    assert not CustomImage.objects.exists()
    assert saved_files(media_root) == []


def test_a_file_that_is_not_an_image_is_refused(admin_client, media_root):
    upload = SimpleUploadedFile("notes.png", b"These are notes, not a picture.", content_type="image/png")
    response = post_image(admin_client, file=upload)
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["file"])
    assert "not an image" in message or "Not a valid" in message, message
    assert not CustomImage.objects.exists()
    assert saved_files(media_root) == []


def test_a_document_with_a_non_image_extension_is_refused(admin_client, media_root):
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4 not an image", content_type="application/pdf")
    response = post_image(admin_client, file=upload)
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["file"])
    assert "not an image" in message or "Not a supported image format" in message, message
    assert not CustomImage.objects.exists()
