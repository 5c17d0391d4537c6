"""The directory search box, for embedding on other pages such as the home page."""

from django import template

from ..models import DirectoryPage, published_directory

register = template.Library()


@register.inclusion_tag("organizations/includes/directory_search_box.html", takes_context=True)
def directory_search_box(context):
    """The directory's search form; renders nothing until a directory page is published.

    The home page already lists its menu children as `sections`; there the directory is
    taken from them (it is created with "show in menus" on), so the box adds no query.
    Elsewhere the tag looks the published directory up.
    """
    if "sections" in context:
        sections = context["sections"] or ()
        directory = next((section for section in sections if isinstance(section, DirectoryPage)), None)
    else:
        directory = published_directory()
    if directory is None:
        return {"directory_url": ""}
    return {
        "request": context.get("request"),
        "directory_url": directory.url,
        "suggestions_url": directory.url + directory.reverse_subpage("country_suggestions"),
    }
