"""Country outlines for the directory's world map, made once from pinned Natural Earth data.

`manage.py build_world_paths` reads `node_modules/world-atlas/countries-110m.json` (npm
`world-atlas`, pinned in package.json and installed by `npm ci`: Natural Earth's 1:110m admin-0
countries as TopoJSON) and writes `organizations/data/world_paths.json`, which is committed, so a
running site needs neither node nor the network. Each country becomes SVG path data in the Equal
Earth projection on an integer grid, keyed by its ISO 3166-1 alpha-2 code (the TopoJSON gives
ISO numeric ids; django-countries maps them). Antarctica is left out: nobody is based there and
it would take a fifth of the map's height.

Borders shared by two countries are simplified once (per TopoJSON arc), so neighbours still meet.
"""

import itertools
import json
import math
from pathlib import Path

from django_countries import countries

SOURCE_PACKAGE = "world-atlas"
SOURCE_FILE = "countries-110m.json"
OUTPUT = Path(__file__).resolve().parent / "data" / "world_paths.json"
# Grid of the output: the world is this many units wide. Integers on it keep the file small
# and are still fine enough when a region page zooms in.
WIDTH = 2000
# Points closer than this (in grid units) to the line through their neighbours are dropped.
TOLERANCE = 0.9
# Islands smaller than this (square grid units) are dropped, unless they are all a country has.
MIN_RING_AREA = 4.0
# A country's box, used to zoom in on a region, covers only its main parts: outlying islands
# and territories (Hawaii, French Guiana, the Aleutians) would otherwise stretch it across the map.
MAIN_PART_SHARE = 0.2
LEFT_OUT = {"010"}  # Antarctica

# Equal Earth projection (Šavrič, Patterson and Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
HALF_WIDTH = 2.7066297319215575  # x of longitude 180 at the equator


def equal_earth(longitude, latitude):
    """Projected (x, y) of a point in degrees, y growing northwards, x within ±HALF_WIDTH."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(M * math.sin(phi))
    theta2 = theta * theta
    theta6 = theta2 * theta2 * theta2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * theta2 + theta6 * (7 * A3 + 9 * A4 * theta2)))
    y = theta * (A1 + A2 * theta2 + theta6 * (A3 + A4 * theta2))
    return x, y


def decode_arcs(topology):
    """Every arc as a list of (longitude, latitude), undoing TopoJSON's quantisation and delta encoding."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([tuple(point[:2]) for point in arc])
            continue
        (scale_x, scale_y), (translate_x, translate_y) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_rest in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def simplify(points, tolerance):
    """Douglas-Peucker: the points that keep the line within `tolerance`; the ends always stay."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            x, y = points[index]
            d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length if length else math.hypot(x - x1, y - y1)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_area(ring):
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def path_data(rings):
    """SVG path data: an absolute start per ring, then relative steps (short, as most are small)."""
    parts = []
    for ring in rings:
        x0, y0 = ring[0]
        numbers = []
        for (xa, ya), (xb, yb) in itertools.pairwise(ring):
            numbers += [xb - xa, yb - ya]
        step = "".join(f"{n}" if n < 0 else f" {n}" for n in numbers).lstrip()
        parts.append(f"M{x0} {y0}l{step}z" if numbers else f"M{x0} {y0}z")
    return "".join(parts)


def onto_one_side(ring):
    """A ring that crosses the antimeridian, with the points beyond it moved onto it.

    The map is not interrupted, so the few outlines that straddle longitude 180 (the tip of
    Chukotka, Fiji) are cut there rather than drawn as a line across the whole world."""
    far_east = sum(1 for longitude, _latitude in ring if longitude > 90)
    far_west = sum(1 for longitude, _latitude in ring if longitude < -90)
    edge = 180 if far_east >= far_west else -180
    return [
        (edge if abs(longitude) > 90 and (longitude > 0) != (edge > 0) else longitude, latitude)
        for longitude, latitude in ring
    ]


class Grid:
    """Longitude and latitude to integer grid units, north up, the world WIDTH wide."""

    def __init__(self, top):
        self.scale = WIDTH / (2 * HALF_WIDTH)
        self.top = top  # projected y of the northernmost point drawn

    def point(self, longitude, latitude):
        x, y = equal_earth(longitude, latitude)
        return (x + HALF_WIDTH) * self.scale, (self.top - y) * self.scale


def country_paths(topology):
    """{"width", "height", "countries": {alpha-2: {"name", "d", "box", "extent"}}, "unnamed": [d, ...]}.

    "box" covers a country's main parts (to zoom in on), "extent" everything drawn (to know
    whether any of it is in view). from the TopoJSON."""
    geometries = [g for g in topology["objects"]["countries"]["geometries"] if g.get("id") not in LEFT_OUT]
    raw_arcs = decode_arcs(topology)
    used = set()
    for geometry in geometries:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                used.update(index if index >= 0 else ~index for index in ring)
    top = max(equal_earth(0, latitude)[1] for index in used for _longitude, latitude in raw_arcs[index])
    bottom = min(equal_earth(0, latitude)[1] for index in used for _longitude, latitude in raw_arcs[index])
    grid = Grid(top)
    arcs = {}  # index -> [(longitude, latitude)] of the points kept
    crossing = set()  # arcs that cross the antimeridian (parts of Russia and Fiji)
    for index in used:
        raw = raw_arcs[index]
        projected = [grid.point(longitude, latitude) for longitude, latitude in raw]
        kept = set(simplify(projected, TOLERANCE))
        arcs[index] = [point for point, xy in zip(raw, projected, strict=True) if xy in kept]
        if any(abs(a[0] - b[0]) > 180 for a, b in itertools.pairwise(raw)):
            crossing.add(index)

    result = {"width": WIDTH, "height": math.ceil((top - bottom) * grid.scale), "countries": {}, "unnamed": []}
    for geometry in geometries:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []  # (area, ring, is the polygon's outer ring)
        for polygon in polygons:
            for position, ring_arcs in enumerate(polygon):
                lonlat = []
                for index in ring_arcs:
                    points = arcs[index] if index >= 0 else arcs[~index][::-1]
                    lonlat += points[1:] if lonlat else points
                if any((index if index >= 0 else ~index) in crossing for index in ring_arcs):
                    lonlat = onto_one_side(lonlat)
                ring = [tuple(round(v) for v in grid.point(*point)) for point in lonlat]
                ring = [point for i, point in enumerate(ring) if i == 0 or point != ring[i - 1]]
                if len(ring) > 1 and ring[0] == ring[-1]:
                    ring.pop()
                rings.append((ring_area(ring), ring, position == 0))
        largest = max(area for area, _ring, _outer in rings)
        drawn = [ring for area, ring, _outer in rings if area >= MIN_RING_AREA or area == largest]
        main = [ring for area, ring, outer in rings if outer and area >= largest * MAIN_PART_SHARE]
        xs = [x for ring in main for x, _y in ring]
        ys = [y for ring in main for _x, y in ring]
        all_xs = [x for ring in drawn for x, _y in ring]
        all_ys = [y for ring in drawn for _x, y in ring]
        d = path_data(drawn)
        alpha2 = countries.alpha2(int(geometry["id"])) if geometry.get("id") else ""
        if not alpha2:
            result["unnamed"].append(d)
            continue
        result["countries"][alpha2] = {
            "name": geometry["properties"]["name"],
            "d": d,
            "box": [min(xs), min(ys), max(xs), max(ys)],
            "extent": [min(all_xs), min(all_ys), max(all_xs), max(all_ys)],
        }
    result["countries"] = dict(sorted(result["countries"].items()))
    return result


def build(source, output=OUTPUT, version=""):
    """Read the TopoJSON at `source` (from world-atlas `version`), write the path file; returns what was written."""
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    data = {
        "source": (
            f"{SOURCE_PACKAGE} {version} {SOURCE_FILE} (Natural Earth 1:110m admin-0 countries), "
            f"Equal Earth projection, made by manage.py build_world_paths"
        ),
        **country_paths(topology),
    }
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return data
