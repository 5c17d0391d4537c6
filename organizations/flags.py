"""Country flags as SVG images from the npm package flag-icons (MIT), pinned in package.json.

`manage.py copy_flags` copies the 4:3 flags of every country django-countries knows into
static/flags/ (with the package's licence and version), so the site needs no Node at run time
and the flags are served, hashed and cached like every other static file. Flags are decorative:
the country's name is always written beside them, so they carry `alt=""`.
"""

from django.templatetags.static import static

FLAGS_DIR = "flags"


def flag_url(code):
    """The static URL of a country's flag, e.g. /static/flags/de.svg (hashed in production)."""
    return static(f"{FLAGS_DIR}/{str(code).lower()}.svg") if code else ""
