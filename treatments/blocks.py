"""The body of a health page: the shared blocks, in the order editors most often need them."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from netportal.core.blocks import (
    CalloutBlock,
    CaptionedImageBlock,
    ExternalResourcesBlock,
    ImageSeriesBlock,
    SectionBlock,
)


class HealthStreamBlock(blocks.StreamBlock):
    """Body of a health page; every section heading is listed under "On this page"."""

    section = SectionBlock()
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], label=_("Paragraph"))
    callout = CalloutBlock()
    image = CaptionedImageBlock()
    image_series = ImageSeriesBlock()
    external_resources = ExternalResourcesBlock()
