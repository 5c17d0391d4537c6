"""Every external address the public site links to, and where: association websites and the
links in published health pages (resources, references and links in rich text)."""

import re
from collections import defaultdict

from django.apps import apps
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import Page

from organizations.models import Association
from treatments.models import HealthPage

from .models import LinkUse

EXTERNAL_HREF = re.compile(r"""<a\b[^>]*\bhref=["'](https?://[^"']+)["']""", re.IGNORECASE)


def stream_urls(block, value):
    """External addresses in one block value, walking structs, lists and streams."""
    if value is None:
        return
    if isinstance(block, blocks.URLBlock):
        if value and str(value).startswith(("http://", "https://")):
            yield str(value)
    elif isinstance(block, blocks.RichTextBlock):
        yield from EXTERNAL_HREF.findall(value.source)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from stream_urls(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from stream_urls(block.child_block, item)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from stream_urls(child.block, child.value)


def page_urls(page):
    for model_field in page._meta.get_fields():
        if isinstance(model_field, StreamField):
            yield from stream_urls(model_field.stream_block, getattr(page, model_field.name))


def links():
    """{address: {(kind, object id, title)}} over published associations and health pages."""
    found = defaultdict(set)
    for association in Association.objects.filter(live=True).exclude(website="").only("pk", "name", "website"):
        found[association.website].add((LinkUse.Kind.ASSOCIATION, association.pk, association.name))
    health_page_types = [model for model in apps.get_models() if issubclass(model, HealthPage)]
    for page in Page.objects.live().type(*health_page_types).specific():
        for url in page_urls(page):
            found[url].add((LinkUse.Kind.PAGE, page.pk, page.title))
    return dict(found)
