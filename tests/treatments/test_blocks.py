import pytest

from tests.factories import CustomImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series_images(db):
    return [
        CustomImageFactory(alt_text="Scan before treatment", credit="Own credit"),
        CustomImageFactory(alt_text="Scan one year later"),
        CustomImageFactory(alt_text="Scan five years later"),
    ]


def image_series(images, credit="Courtesy of Example Hospital"):
    return {
        "type": "image_series",
        "value": {
            "heading": "",
            "images": [
                {"image": image.pk, "caption": caption}
                for image, caption in zip(images, ["Before", "One year after", "Five years after"], strict=False)
            ],
            "caption": "The whole series in one sentence.",
            "credit": credit,
        },
    }


def test_image_series_shows_alt_text_captions_in_order_and_one_credit(client, treatment_page, series_images):
    treatment_page.body = [image_series(series_images)]
    treatment_page.save_revision().publish()
    html = client.get(treatment_page.url).content.decode()

    for image in series_images:
        assert f'alt="{image.alt_text}"' in html
    positions = [html.index(caption) for caption in ("Picture 1:</span> Before", "Picture 2:</span> One year after")]
    assert positions == sorted(positions)
    assert "Picture 3:</span> Five years after" in html
    assert "The whole series in one sentence." in html
    assert html.count("Courtesy of Example Hospital") == 1
    assert "Own credit" not in html  # the series' credit line replaces each image's own


def test_series_images_are_responsive_lazy_and_sized(client, treatment_page, series_images):
    treatment_page.body = [image_series(series_images)]
    treatment_page.save_revision().publish()
    html = client.get(treatment_page.url).content.decode()
    assert html.count("<picture>") == 3
    assert 'type="image/avif"' in html
    assert 'type="image/webp"' in html
    assert html.count('loading="lazy"') == 3
    assert html.count('width="') >= 3
    assert html.count('height="') >= 3


def test_captioned_image_falls_back_to_the_images_own_caption_and_credit(client, condition_page):
    image = CustomImageFactory(alt_text="A diagram", caption="Diagram caption", credit="Diagram credit")
    condition_page.body = [{"type": "image", "value": {"image": image.pk, "caption": "", "credit": ""}}]
    condition_page.save_revision().publish()
    html = client.get(condition_page.url).content.decode()
    assert 'alt="A diagram"' in html
    assert "Diagram caption" in html
    assert "Image: Diagram credit" in html


def test_captioned_image_caption_and_credit_in_the_block_win(client, condition_page):
    image = CustomImageFactory(caption="Library caption", credit="Library credit")
    condition_page.body = [
        {"type": "image", "value": {"image": image.pk, "caption": "Page caption", "credit": "Page credit"}}
    ]
    condition_page.save_revision().publish()
    html = client.get(condition_page.url).content.decode()
    assert "Page caption" in html
    assert "Page credit" in html
    assert "Library caption" not in html


def test_external_resources_are_marked_and_open_in_the_same_tab(client, condition_page):
    condition_page.body = [
        {
            "type": "external_resources",
            "value": {
                "heading": "",
                "resources": [
                    {"title": "A guide", "publisher": "Cancer.Net", "url": "https://guide.example/", "description": ""},
                    {"title": "No address yet", "publisher": "An institute", "url": "", "description": "Why read it."},
                ],
            },
        }
    ]
    condition_page.save_revision().publish()
    html = client.get(condition_page.url).content.decode()
    assert "Further reading" in html
    assert 'href="https://guide.example/" rel="external noopener">A guide' in html
    assert "(external website)" in html
    assert "– Cancer.Net" in html  # noqa: RUF001
    assert '<span class="external-resource__title">No address yet</span>' in html
    assert "Why read it." in html
    assert "target=" not in html


@pytest.mark.parametrize(
    ("kind", "heading", "label"),
    [
        ("note", "", "Note"),
        ("important", "", "Important"),
        ("ask_your_doctor", "", "Ask your doctor"),
        ("note", "Own", "Own"),
    ],
)
def test_each_kind_of_callout_is_labelled(client, information_page, kind, heading, label):
    information_page.body = [{"type": "callout", "value": {"kind": kind, "heading": heading, "text": "<p>Body.</p>"}}]
    information_page.save_revision().publish()
    html = client.get(information_page.url).content.decode()
    assert f'<aside class="callout callout--{kind}">' in html
    assert f'<p class="callout__label">{label}</p>' in html
