"""The directory's world map: an inline SVG, drawn on the server from pinned Natural Earth outlines.

Countries with at least one association based there are links to their country page, coloured
by how many (`COUNT_CLASSES`); countries served only by a multinational association are hatched;
every country carries its accessible name ("Germany: 1 association based here, 4 serve it").
Region pages get the same map zoomed to the region's countries. The outlines come from
`organizations/data/world_paths.json` (see `map_paths`); the rendered map is kept with
the `content` cache (`caches["content"].get_or_set`), so after the first request of a content
generation a page pays one cache read for it, and it is drawn again as soon as an association is
published or unpublished.
"""

import functools
import json
from dataclasses import dataclass

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django_countries.fields import Country

from .map_paths import OUTPUT as PATHS_FILE
from .models import Association, Scope

# (lowest count, CSS class): a country with `count` associations based there takes the last
# class whose lowest count it reaches. The legend lists the same bands.
COUNT_CLASSES = [(1, "map-based-1"), (2, "map-based-2"), (4, "map-based-3"), (10, "map-based-4")]
SERVED_CLASS = "map-served"  # no association based there, a multinational one serves it
NONE_CLASS = "map-none"  # neither (the worldwide ones serve every country)
# Space kept around a region's countries, as a share of their box, and the least size shown.
REGION_MARGIN = 0.08
REGION_MIN_WIDTH = 320
REGION_MIN_HEIGHT_SHARE = 0.5  # a region is shown at least half as high as it is wide


@functools.cache
def outlines():
    """The country outlines (parsed once per process)."""
    return json.loads(PATHS_FILE.read_text(encoding="utf-8"))


@dataclass
class CountryCounts:
    based: int = 0  # national associations based in the country
    multinational: int = 0  # multinational associations that serve it

    def serving(self, worldwide):
        return self.based + self.multinational + worldwide


def directory_counts(region=None):
    """({alpha-2: CountryCounts}, worldwide count, alpha-2 codes in `region`) for published associations.

    One query over three short columns; only run when the kept map is missing."""
    counts = {}
    worldwide = 0
    in_region = set()
    served_in_region = set()
    rows = Association.objects.filter(live=True).values_list("scope", "country", "countries_served", "region_id")
    for scope, country, served, region_id in rows.order_by():
        if scope == Scope.WORLDWIDE:
            worldwide += 1
        elif scope == Scope.NATIONAL and country:
            counts.setdefault(str(country), CountryCounts()).based += 1
            if region is not None and region_id == region.pk:
                in_region.add(str(country))
        elif scope == Scope.MULTINATIONAL:
            # values_list gives the column as stored: "AT,BE,BG".
            for code in filter(None, served.split(",") if isinstance(served, str) else served):
                code = str(getattr(code, "code", code))
                counts.setdefault(code, CountryCounts()).multinational += 1
                if region is not None and region_id == region.pk:
                    served_in_region.add(code)
    return counts, worldwide, in_region or served_in_region


def count_class(count):
    found = NONE_CLASS
    for lowest, css_class in COUNT_CLASSES:
        if count >= lowest:
            found = css_class
    return found


def accessible_name(country_name, based, serving):
    """E.g. "Germany: 1 association based here, 4 serve it"."""
    if based:
        based_text = ngettext("%(count)s association based here", "%(count)s associations based here", based) % {
            "count": based
        }
    else:
        based_text = _("no association based here")
    serving_text = ngettext("%(count)s serves it", "%(count)s serve it", serving) % {"count": serving}
    return _("%(country)s: %(based)s, %(serving)s") % {
        "country": country_name,
        "based": based_text,
        "serving": serving_text,
    }


def legend():
    """[(CSS class, label)] in the order of the scale."""
    bands = []
    for position, (lowest, css_class) in enumerate(COUNT_CLASSES):
        following = COUNT_CLASSES[position + 1][0] if position + 1 < len(COUNT_CLASSES) else None
        if following is None:
            label = _("%(lowest)s or more associations based there") % {"lowest": lowest}
        elif following == lowest + 1:
            label = ngettext("%(lowest)s association based there", "%(lowest)s associations based there", lowest) % {
                "lowest": lowest
            }
        else:
            label = _("%(lowest)s to %(highest)s associations based there") % {
                "lowest": lowest,
                "highest": following - 1,
            }
        bands.append((css_class, label))
    bands.append((SERVED_CLASS, _("None based there; served by a multinational association")))
    bands.append((NONE_CLASS, _("None based there")))
    return bands


def overlaps(box, view):
    return box[0] < view[0] + view[2] and box[2] > view[0] and box[1] < view[1] + view[3] and box[3] > view[1]


def region_view_box(codes):
    """[x, y, width, height] around the main parts of `codes`, or None for the whole world."""
    data = outlines()
    boxes = [data["countries"][code]["box"] for code in codes if code in data["countries"]]
    if not boxes:
        return None
    x0, y0 = min(box[0] for box in boxes), min(box[1] for box in boxes)
    x1, y1 = max(box[2] for box in boxes), max(box[3] for box in boxes)
    width, height = x1 - x0, y1 - y0
    margin = max(width, height) * REGION_MARGIN
    width, height = width + 2 * margin, height + 2 * margin
    x0, y0 = x0 - margin, y0 - margin
    if width < REGION_MIN_WIDTH:
        x0 -= (REGION_MIN_WIDTH - width) / 2
        width = REGION_MIN_WIDTH
    if height < width * REGION_MIN_HEIGHT_SHARE:
        y0 -= (width * REGION_MIN_HEIGHT_SHARE - height) / 2
        height = width * REGION_MIN_HEIGHT_SHARE
    # Within the world, as far as it goes.
    width, height = min(width, data["width"]), min(height, data["height"])
    x0 = min(max(x0, 0), data["width"] - width)
    y0 = min(max(y0, 0), data["height"] - height)
    return [round(x0), round(y0), round(width), round(height)]


def map_context(country_url, region=None):
    """What the map template draws: every country in view with its class, name and link."""
    data = outlines()
    counts, worldwide, region_codes = directory_counts(region)
    view = region_view_box(region_codes) if region is not None else None
    view = view or [0, 0, data["width"], data["height"]]
    shapes = []
    for code, outline in data["countries"].items():
        if not overlaps(outline["extent"], view):
            continue
        found = counts.get(code, CountryCounts())
        name = Country(code).name
        css_class = count_class(found.based) if found.based else SERVED_CLASS if found.multinational else NONE_CLASS
        shapes.append(
            {
                "d": outline["d"],
                "css_class": css_class,
                "label": accessible_name(name, found.based, found.serving(worldwide)),
                "url": country_url(code) if found.based else "",
            }
        )
    listed = []
    # Every country with an association based there, drawn or not (110m leaves out the smallest,
    # such as Singapore): the list under the map reaches them all.
    for code, found in counts.items():
        if found.based and (region is None or code in region_codes):
            listed.append(
                {
                    "name": Country(code).name,
                    "url": country_url(code),
                    "label": accessible_name(Country(code).name, found.based, found.serving(worldwide)),
                }
            )
    listed.sort(key=lambda item: str(item["name"]))
    return {
        "view_box": " ".join(str(number) for number in view),
        "shapes": shapes,
        "unnamed": data["unnamed"],
        "legend": legend(),
        "listed": listed,
        "region": region,
    }


def render(request, page, country_url, region=None):
    """The map's HTML for the directory page (or a region page), kept until content changes."""
    name = f"world-map:{page.pk}:{region.slug if region else ''}:{get_language()}"

    def compute():
        return render_to_string(
            "organizations/includes/world_map.html", map_context(lambda code: country_url(page, code), region)
        )

    return caches["content"].get_or_set(name, compute)
