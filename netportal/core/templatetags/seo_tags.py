"""Tags for what search engines and social sites read: canonical URL and JSON-LD.

They add no SQL queries: the site comes from the request (Wagtail caches it there) and the
breadcrumb ancestors are the ones the breadcrumbs tag loads for the same request.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from wagtail.models import Page

from netportal.core import seo

from .navigation_tags import page_ancestors

register = template.Library()

# The characters that could end the <script> element or start an HTML comment inside it,
# escaped as JSON allows (the same set Django's json_script escapes).
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def as_json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)


@register.simple_tag
def json_ld(data):
    """`data` (a dict, or a list of dicts) as application/ld+json script elements, one per dict."""
    if not data:
        return ""
    items = data if isinstance(data, list | tuple) else [data]
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        ((mark_safe(as_json(item)),) for item in items if item),  # noqa: S308 - escaped by as_json
    )


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's address on its site, without query string: filtered views point to the unfiltered one."""
    request = context.get("request")
    if request is None:
        return ""
    return seo.site_root_url(request) + request.path


def breadcrumb_items(request, page, trail):
    crumbs = [(ancestor.get_url(request), ancestor.title) for ancestor in page_ancestors(request, page)]
    crumbs.append((page.get_url(request), page.title))
    crumbs.extend(trail or [])
    return crumbs


@register.simple_tag(takes_context=True)
def page_structured_data(context):
    """JSON-LD for the page being shown: what the page says of itself, plus its breadcrumb trail.

    A page model describes itself with `get_structured_data(request)` (a dict or list of
    dicts); other pages are a plain WebPage. A view may add `structured_data` to the context
    (an association's Organization, say); a routable sub-view's `trail` extends the breadcrumbs.
    """
    request = context.get("request")
    page = context.get("page")
    if request is None or not isinstance(page, Page):
        return json_ld(context.get("structured_data"))
    trail = context.get("trail")
    extra = context.get("structured_data")
    items = []
    if extra:
        items.extend(extra if isinstance(extra, list | tuple) else [extra])
    elif not trail:
        describe = getattr(page, "get_structured_data", None)
        own = describe(request) if describe else seo.web_page(request, page)
        items.extend(own if isinstance(own, list | tuple) else [own])
    if page.depth > 2 or trail:
        items.append(seo.breadcrumb_list(request, breadcrumb_items(request, page, trail)))
    return json_ld(items)
