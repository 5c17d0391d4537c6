"""StreamField blocks shared by every page type."""

import copy

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class SectionBlock(blocks.StructBlock):
    """A titled section; its heading feeds the page's "On this page" list."""

    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    body = blocks.RichTextBlock(
        features=["bold", "italic", "h3", "ol", "ul", "link", "document-link"],
        label=_("Text"),
    )

    class Meta:
        icon = "title"
        label = _("Section")
        template = "core/blocks/section.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted box: a note, an important warning or "ask your doctor" advice."""

    kind = blocks.ChoiceBlock(
        choices=[
            ("note", _("Note")),
            ("important", _("Important")),
            ("ask_your_doctor", _("Ask your doctor")),
        ],
        default="note",
        label=_("Kind"),
    )
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "core/blocks/callout.html"


class LatestReviewedPagesBlock(blocks.StructBlock):
    """The most recently reviewed health pages, newest first (listed by the treatments app)."""

    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Heading"),
        help_text=_("Defaults to “Recently reviewed health information”."),
    )
    limit = blocks.IntegerBlock(default=5, min_value=1, max_value=12, label=_("Number of pages"))

    class Meta:
        icon = "date"
        label = _("Latest reviewed health pages")
        template = "core/blocks/latest_reviewed_pages.html"


class SiteFactsBlock(blocks.StructBlock):
    """Facts kept in the site settings, shown where the page needs them; staff see what is not set yet."""

    facts = blocks.ChoiceBlock(
        choices=[
            ("operator", _("Who runs the portal: organisation, address, charity number, funding")),
            ("review_interval", _("The review interval of health pages")),
        ],
        label=_("Facts"),
    )

    class Meta:
        icon = "cog"
        label = _("Facts from the site settings")
        template = "core/blocks/site_facts.html"


class BasicStreamBlock(blocks.StreamBlock):
    """Body of a standard page (about, privacy, accessibility statement)."""

    section = SectionBlock()
    callout = CalloutBlock()
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], label=_("Paragraph"))
    latest_reviewed_pages = LatestReviewedPagesBlock()
    site_facts = SiteFactsBlock()


class RenditionImageChooserBlock(ImageChooserBlock):
    """Image chooser that loads all images of a page body, with their renditions, in two queries."""

    def bulk_to_python(self, values):
        objects = self.model_class.objects.prefetch_renditions().in_bulk([value for value in values if value])
        result = []
        seen_ids = set()
        for image_id in values:
            image = objects.get(image_id)
            if image is not None and image_id in seen_ids:
                # A repeated image needs its own instance, as the parent class does.
                image = copy.copy(image)
            result.append(image)
            seen_ids.add(image_id)
        return result


def is_preview(context):
    """True when staff look at a preview (Wagtail marks the request); placeholders show only there."""
    request = (context or {}).get("request")
    return bool(getattr(request, "is_preview", False))


def is_shown(image, context):
    """An image visitors may see: a real one, or a placeholder in a staff preview."""
    return image is not None and (not image.is_placeholder or is_preview(context))


class CaptionedImageBlock(blocks.StructBlock):
    """One image with its caption and credit; alt text comes from the image itself (required there)."""

    image = RenditionImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(
        required=False, max_length=500, label=_("Caption"), help_text=_("Leave empty to use the image's own caption.")
    )
    credit = blocks.CharBlock(
        required=False, max_length=255, label=_("Credit"), help_text=_("Leave empty to use the image's own credit.")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "core/blocks/captioned_image.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["show_image"] = is_shown(value.get("image"), parent_context)
        return context


class SeriesImageBlock(blocks.StructBlock):
    """One picture of an image series, with its own short caption (e.g. "before treatment")."""

    image = RenditionImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(max_length=500, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Picture")


class ImageSeriesBlock(blocks.StructBlock):
    """Ordered images shown as one figure, e.g. before and after a treatment, with one credit line."""

    heading = blocks.CharBlock(required=False, max_length=120, label=_("Heading"))
    images = blocks.ListBlock(SeriesImageBlock(), min_num=2, label=_("Pictures"))
    caption = blocks.TextBlock(
        required=False, label=_("Caption for the whole series"), help_text=_("Shown under all the pictures.")
    )
    credit = blocks.CharBlock(
        required=False, max_length=255, label=_("Credit"), help_text=_("Shown once under the series.")
    )

    class Meta:
        icon = "image"
        label = _("Image series")
        template = "core/blocks/image_series.html"

    def get_context(self, value, parent_context=None):
        """`shown_items`: the pictures visitors may see; without any, the series is told as text."""
        context = super().get_context(value, parent_context=parent_context)
        context["shown_items"] = [item for item in value["images"] if is_shown(item.get("image"), parent_context)]
        return context


class ExternalResourceBlock(blocks.StructBlock):
    """A page on another website that visitors may find useful."""

    title = blocks.CharBlock(max_length=255, label=_("Title"))
    publisher = blocks.CharBlock(required=False, max_length=255, label=_("Publisher"))
    url = blocks.URLBlock(required=False, label=_("Web address"), help_text=_("Leave empty until it is confirmed."))
    description = blocks.TextBlock(required=False, label=_("Description"))

    class Meta:
        icon = "link-external"
        label = _("External resource")


class ExternalResourcesBlock(blocks.StructBlock):
    """A list of resources on other websites, each marked as external."""

    heading = blocks.CharBlock(
        required=False, max_length=120, label=_("Heading"), help_text=_("Defaults to “Further reading”.")
    )
    resources = blocks.ListBlock(ExternalResourceBlock(), min_num=1, label=_("Resources"))

    class Meta:
        icon = "link-external"
        label = _("External resources")
        template = "core/blocks/external_resources.html"


class ReferenceBlock(blocks.StructBlock):
    """One source a page is based on."""

    title = blocks.CharBlock(max_length=500, label=_("Title or citation"))
    publisher = blocks.CharBlock(required=False, max_length=255, label=_("Publisher or journal"))
    year = blocks.IntegerBlock(required=False, min_value=1800, max_value=2200, label=_("Year"))
    url = blocks.URLBlock(required=False, label=_("Web address"))

    class Meta:
        icon = "doc-full"
        label = _("Reference")
        template = "core/blocks/reference.html"


class ReferencesBlock(blocks.StreamBlock):
    """The sources a page is based on, listed in order."""

    reference = ReferenceBlock()

    class Meta:
        label = _("References")
