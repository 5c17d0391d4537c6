"""Every public page type the browser checks visit. Add a page type here with one line.

Paths are the demo content's (`manage.py load_portal_content`). The accessibility, reflow and
screenshot checks run on each entry; journeys name the pages they need themselves.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    status: int = 200


PUBLIC_PAGE_TYPES = [
    PageType("home", "/"),
    PageType("standard-page", "/about/"),
    PageType("site-search", "/search/?q=neuroendocrine"),
    PageType("not-found", "/no-such-page/", status=404),
    PageType("health-condition", "/neuroendocrine-tumours/"),
    PageType("treatment-index", "/treatments/"),
    PageType("treatment", "/treatments/prrt/"),
    PageType("health-information", "/treatments/compassionate-use-programme/"),
    PageType("directory", "/patient-associations/"),
    PageType("directory-country-search", "/patient-associations/?q=Deutschland"),
    PageType("directory-no-match", "/patient-associations/?q=Atlantis"),
    PageType("directory-country", "/patient-associations/country/deu/"),
    PageType("directory-region", "/patient-associations/region/europe/"),
    PageType("association", "/patient-associations/carpa/"),
    PageType("suggest-association", "/suggest/association/"),
    PageType("suggest-correction", "/suggest/correction/carpa/"),
    PageType("suggestion-thanks", "/suggest/thank-you/"),
    PageType("glossary", "/glossary/"),
    PageType("glossary-search", "/glossary/?q=cup"),
    PageType("how-we-make-our-information", "/how-we-make-our-information/"),
    PageType("accessibility-statement", "/accessibility/"),
    PageType("privacy-notice", "/privacy/"),
    PageType("contact", "/contact/"),
]
