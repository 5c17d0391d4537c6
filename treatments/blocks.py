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


class QuestionsToAskBlock(blocks.StructBlock):
    """A printable list of questions a reader can take to their next appointment."""

    heading = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Heading"),
        help_text=_("Defaults to “Questions to ask your care team”."),
    )
    introduction = blocks.RichTextBlock(required=False, features=["bold", "italic", "link"], label=_("Introduction"))
    questions = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label=_("Question")),
        min_num=0,
        default=[],
        label=_("Questions"),
        help_text=_("One question per line, in the reader's words, e.g. “What are the side effects?”."),
    )

    class Meta:
        icon = "help"
        label = _("Questions to ask your care team")
        template = "treatments/blocks/questions_to_ask.html"


class HealthStreamBlock(blocks.StreamBlock):
    """Body of a health page; every section heading is listed under "On this page"."""

    section = SectionBlock()
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"], label=_("Paragraph"))
    callout = CalloutBlock()
    image = CaptionedImageBlock()
    image_series = ImageSeriesBlock()
    external_resources = ExternalResourcesBlock()
    questions_to_ask = QuestionsToAskBlock()
