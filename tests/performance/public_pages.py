"""Every public page type, by its address in the demo content (`manage.py load_portal_content`).

The page-weight and query-count tests run on each entry. A test checks that every page type
the demo content has is listed here, so a new page type cannot slip past the budgets.
"""

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str
    # The Wagtail page class this address shows, when it is a page; None for plain views.
    page_class: str | None = None


PUBLIC_PAGES = [
    PublicPage("home", "/", "HomePage"),
    PublicPage("standard-page", "/about/", "StandardPage"),
    PublicPage("site-search", "/search/?q=neuroendocrine"),
    PublicPage("condition-page", "/neuroendocrine-tumours/", "ConditionPage"),
    PublicPage("treatment-index", "/treatments/", "TreatmentIndexPage"),
    PublicPage("treatment-page", "/treatments/prrt/", "TreatmentPage"),
    PublicPage("information-page", "/treatments/compassionate-use-programme/", "InformationPage"),
    PublicPage("directory", "/patient-associations/", "DirectoryPage"),
    PublicPage("directory-country-search", "/patient-associations/?q=Germany"),
    PublicPage("directory-country", "/patient-associations/country/deu/"),
    PublicPage("directory-region", "/patient-associations/region/europe/"),
    PublicPage("association", "/patient-associations/lacnets/"),
    PublicPage("glossary", "/glossary/", "GlossaryPage"),
    PublicPage("glossary-search", "/glossary/?q=cup"),
    PublicPage("contact-page", "/contact/", "ContactPage"),
    # Other languages: a translated page, the directory, and an alias showing English text.
    PublicPage("home-de", "/de/", "HomePage"),
    PublicPage("directory-de", "/de/patient-associations/", "DirectoryPage"),
    PublicPage("condition-page-ar", "/ar/neuroendocrine-tumours/", "ConditionPage"),
]


class PageAssets(HTMLParser):
    """Collects the stylesheets, scripts and images an HTML page refers to."""

    def __init__(self):
        super().__init__()
        self.stylesheets = []
        self.scripts = []
        self.images = []
        self.sources = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.stylesheets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])
        elif tag == "img":
            self.images.append(attributes)
        elif tag == "source":
            self.sources.append(attributes)


def page_assets(html):
    parser = PageAssets()
    parser.feed(html)
    return parser
