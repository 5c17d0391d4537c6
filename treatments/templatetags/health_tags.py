"""Template tags that show health pages elsewhere on the site, e.g. on the home page."""

from django import template
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Coalesce, Length, Substr
from wagtail.models import Page, PageViewRestriction

register = template.Library()


def latest_reviewed(limit):
    """Published, public health pages by last review date, newest first, in one query."""
    # A page is private when a view restriction sits on it or on one of its ancestors (a path prefix).
    restricted = PageViewRestriction.objects.annotate(
        outer_prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(page__path=F("outer_prefix"))
    return list(
        Page.objects.live()
        .annotate(
            reviewed=Coalesce(
                "conditionpage__last_reviewed", "treatmentpage__last_reviewed", "informationpage__last_reviewed"
            )
        )
        .filter(reviewed__isnull=False)
        .exclude(Exists(restricted))
        .order_by("-reviewed", "title")[:limit]
    )


@register.inclusion_tag("treatments/tags/latest_reviewed_pages.html", takes_context=True)
def latest_reviewed_pages(context, limit=5, heading=""):
    return {"request": context.get("request"), "pages": latest_reviewed(limit), "heading": heading}
