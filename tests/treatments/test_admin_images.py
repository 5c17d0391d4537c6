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


# The same checks through the two other ways editors upload: the image chooser inside the page
# editor, and the "Add images" page (several files at once; details are filled in afterwards).


def post_chooser_upload(client, **fields):
    data = {"title": "A scan", "alt_text": "A scan of the abdomen", "caption": "", "credit": "", "tags": ""}
    data.update(fields)
    return client.post(
        reverse("wagtailimages_chooser:create"), {f"image-chooser-upload-{key}": value for key, value in data.items()}
    )


def test_chooser_upload_with_alt_text_is_saved(admin_client, media_root):
    response = post_chooser_upload(admin_client, file=png_upload())
    assert response.status_code == 200
    assert response.json()["step"] == "chosen"
    assert CustomImage.objects.get().alt_text == "A scan of the abdomen"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"alt_text": ""}, "This field is required."),
        ({"file": "too large"}, "This file is too big"),
        ({"file": SimpleUploadedFile("notes.png", b"Not a picture.", content_type="image/png")}, "not an image"),
    ],
)
def test_chooser_upload_refuses_bad_input_with_a_form_error(admin_client, settings, media_root, fields, expected):
    fields = dict(fields)
    if fields.get("file") == "too large":
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2_000
        fields["file"] = png_upload(size=(200, 200))
    fields.setdefault("file", png_upload())
    response = post_chooser_upload(admin_client, **fields)
    assert response.status_code == 200
    data = response.json()
    assert data["step"] == "reshow_creation_form"
    assert expected in data["htmlFragment"]
    assert not CustomImage.objects.exists()
    assert saved_files(media_root) == []


def test_multiple_upload_holds_a_file_without_alt_text_until_the_details_are_complete(admin_client, media_root):
    response = admin_client.post(reverse("wagtailimages:add_multiple"), {"files[]": png_upload()})
    data = response.json()
    assert data["success"]
    # Nothing is an image yet: the file waits as a pending upload for its alt text.
    assert not CustomImage.objects.exists()
    upload_id = data["uploaded_file_id"]
    complete = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id])
    prefix = f"uploaded-image-{upload_id}"
    details = {f"{prefix}-title": "A scan", f"{prefix}-caption": "", f"{prefix}-credit": "", f"{prefix}-tags": ""}

    refused = admin_client.post(complete, {**details, f"{prefix}-alt_text": ""}).json()
    assert not refused["success"]
    assert "This field is required." in refused["form"]
    assert not CustomImage.objects.exists()

    accepted = admin_client.post(complete, {**details, f"{prefix}-alt_text": "A scan of the abdomen"}).json()
    assert accepted["success"]
    assert CustomImage.objects.get().alt_text == "A scan of the abdomen"


@pytest.mark.parametrize("kind", ["too large", "not an image"])
def test_multiple_upload_rejects_a_bad_file_at_once(admin_client, settings, media_root, kind):
    if kind == "too large":
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2_000
        upload, expected = png_upload(size=(200, 200)), "This file is too big"
    else:
        upload, expected = SimpleUploadedFile("notes.png", b"Not a picture.", content_type="image/png"), "not an image"
    data = admin_client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload}).json()
    assert not data["success"]
    assert expected in data["error_message"]
    assert not CustomImage.objects.exists()
    assert saved_files(media_root) == []


def test_an_image_with_too_many_pixels_is_refused(admin_client, settings, media_root):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000
    response = post_image(admin_client, file=png_upload(size=(64, 64)))
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["file"])
    assert "too many pixels" in message, message
    assert not CustomImage.objects.exists()
    assert saved_files(media_root) == []
