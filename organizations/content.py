"""Seed content for the association directory: regions, the seed's 41 associations, the page.

The lines below are the seed's directory text, verbatim (non-breaking spaces made plain).
Websites, emails, phones, languages and descriptions come only from organizations/data/
association_facts.csv, each with the public page that states it (organizations.evidence).
"""

import re

from django.db import transaction
from django.utils.text import slugify
from django_countries import countries

from . import evidence
from .exchange import save_and_publish
from .geography import EUROPEAN_COUNTRIES
from .models import Association, DirectoryPage, Region, Scope

SEED_DIRECTORY = [
    "Europe: APOZ & Friends (BGR), Association des Patients porteurs de Tumeurs Endocrines Diverses (FRA), "
    "CarciNor, foreningen for personer med nevroendokrin kreft (NOR), Carpa, the carcinoid patient association "
    "(SWE), Kooperativní skupina pro neuroendokrinní nádory (CZE), LuCE (CHE), Lungeforeningen (DNK), "
    "NET & MEN kanker vzw (BEL), NET España (ESP), NET Italy (ITA), Netpa Danmark (DNK), NET Patient Network "
    "(IRL), Netzwerk Neuroendokrine Tumoren (NeT) e.V. (DEU), Neuroendocrine Cancer UK (formerly NET Patient "
    "Foundation) (GBR), Pancreatic Cancer Europe Network (EU), Sarcoma Patients EuroNet (EU), Selbsthilfegruppe "
    "Pankreaskarzinom (AUT), Stichting NET-groep (NLD), Talk Blue Flanders (BEL)",
    "North America: Carcinoid-Neuroendocrine Tumour Society (CAN), LACNETS (USA), NET Patient Foundation (USA), "
    "Neuroendocrine Cancer Awareness Network \N{EN DASH} NCAN (USA), NorCal CarciNET Community (USA), "
    "Pancreatic Cancer Action Network (USA), The Carcinoid Cancer Foundation (USA), The Lois Merrill Foundation "
    "(USA), The Patients Project (USA), Walking with Jane (USA)",
    "Asia & Asia Pacific: Afghan Society Against Cancer (AFG), Carcinoid & Neuroendocrine Tumor Society Singapore "
    "(SGP), CNETS India (IND), Carcinoid and Neuroendocrine Tumour Society India (IND), Israel Cancer Association "
    "(ISR), NeuroEndocrine Cancer Australia (formerly Unicorn Foundation)(AUS), Middle East Neuroendocrine Tumor "
    "Society (MENETS) (ISR), NPO PanCAN Japan (JPN), The Hope Society for Cancer Care (TWN)",
    "South America: Instituto Espaco de Vida (BRA), Neuroendocrine Tumors Patients Association (COL)",
    "Worldwide: International Neuroendocrine Cancer Alliance (INCA)",
]

# What earlier versions read the seed's "(EU)" as: the 27 member states of the European Union.
EU_MEMBER_STATES = [
    *("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"),
    *("IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"),
]
# The directory's reading of "(EU)", said on the association's page.
EU_READING = (
    "The source lists this association as \N{LEFT DOUBLE QUOTATION MARK}(EU)\N{RIGHT DOUBLE QUOTATION MARK}. "
    "The directory reads this as serving the countries of Europe, not only the 27 members of the European Union."
)
# Seed entries staff should check by hand (never shown on the site).
STAFF_CHECKS = {
    "net-patient-foundation": (
        "The seed lists \N{LEFT DOUBLE QUOTATION MARK}NET Patient Foundation (USA)\N{RIGHT DOUBLE QUOTATION MARK}, "
        "but NET Patient Foundation is the former name of Neuroendocrine Cancer UK. Check whether a separate "
        "US group of this name exists before adding any detail; until then the entry says only what the seed says."
    ),
}

DIRECTORY_TITLE = "Patient associations"
DIRECTORY_INTRODUCTION = (
    "Patient associations offer support, information and a community of people who understand. "
    "Search by country, in English or your own language, or by the association\N{RIGHT SINGLE QUOTATION MARK}s name."
)
DIRECTORY_SEARCH_DESCRIPTION = "Find a neuroendocrine tumour (NET) patient association in your country."

# One entry: the text before the marker, then "(ABC)" (country), "(EU)" or "(INCA)".
ENTRY = re.compile(r"\s*(?P<body>.+?)\s*\((?P<marker>[A-Z]{3}|EU|INCA)\)\s*(?:,|$)")
FORMERLY = re.compile(r"\s*\(formerly (?P<former>[^)]+)\)\s*$")
ACRONYM_IN_PARENTHESES = re.compile(r"\s*\((?P<acronym>[A-Z]{3,})\)\s*$")
ACRONYM_AFTER_DASH = re.compile(r"\s+[\N{EN DASH}-]\s+(?P<acronym>[A-Z]{3,})\s*$")


def parse_entry(body, marker):
    """The fields one seed entry gives, e.g. "Carpa, the carcinoid patient association" and "SWE"."""
    values = {"subtitle": "", "former_names": "", "acronym": "", "country": "", "countries_served": []}
    if match := FORMERLY.search(body):
        values["former_names"] = match["former"].strip()
        body = body[: match.start()]
    if (match := ACRONYM_AFTER_DASH.search(body)) or (match := ACRONYM_IN_PARENTHESES.search(body)):
        values["acronym"] = match["acronym"]
        body = body[: match.start()]
    if "," in body:
        body, subtitle = body.split(",", 1)
        values["subtitle"] = subtitle.strip()
    values["name"] = body.strip()
    if marker == "EU":
        values["scope"] = Scope.MULTINATIONAL
        values["countries_served"] = list(EUROPEAN_COUNTRIES)
        values["coverage_note"] = EU_READING
    elif marker == "INCA":
        values["scope"] = Scope.WORLDWIDE
        values["acronym"] = "INCA"
    else:
        values["scope"] = Scope.NATIONAL
        values["country"] = countries.alpha2(marker)
    return values


def seed_associations():
    """[(region name, field values)] for every association in the seed, in the seed's order."""
    entries = []
    for line in SEED_DIRECTORY:
        region, _, rest = line.partition(": ")
        for match in ENTRY.finditer(rest):
            entries.append((region, parse_entry(match["body"], match["marker"])))
    return entries


def seed_regions():
    return [line.partition(": ")[0] for line in SEED_DIRECTORY]


def load_regions(report):
    regions = {}
    for sort_order, name in enumerate(seed_regions(), start=1):
        region, created = Region.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "sort_order": sort_order * 10}
        )
        if created:
            report(f"created region “{name}”")
        regions[name] = region
    return regions


def load_associations(regions, report):
    for region_name, values in seed_associations():
        slug = slugify(values["name"])
        existing = Association.objects.filter(slug=slug).first()
        if existing is not None:
            update_seed_reading(existing, values, report)
            continue
        association = Association(slug=slug, region=regions[region_name], **values)
        association.verification_note = STAFF_CHECKS.get(slug, "")
        save_and_publish(association)
        report(f"created association “{association.name}”")


def update_seed_reading(association, values, report):
    """Bring a record loaded by an earlier version to the current reading of the seed, where staff
    have not changed it: "(EU)" as the countries of Europe, and the staff checks."""
    changed = False
    if values.get("coverage_note") and {c.code for c in association.countries_served} == set(EU_MEMBER_STATES):
        association.countries_served = values["countries_served"]
        association.coverage_note = association.coverage_note or values["coverage_note"]
        changed = True
    if association.slug in STAFF_CHECKS and not association.verification_note:
        association.verification_note = STAFF_CHECKS[association.slug]
        changed = True
    if changed:
        save_and_publish(association)
        report(f"updated the seed reading of “{association.name}”")


def load_directory_page(home, report):
    existing = DirectoryPage.objects.filter(locale_id=home.locale_id).first()
    if existing is not None:
        return existing
    page = DirectoryPage(
        title=DIRECTORY_TITLE,
        slug="patient-associations",
        introduction=DIRECTORY_INTRODUCTION,
        search_description=DIRECTORY_SEARCH_DESCRIPTION,
        show_in_menus=True,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    report(f"created page “{page.title}”")
    return page


def load(home, report):
    """Create regions, associations and the directory page under `home`; idempotent."""
    with transaction.atomic():
        regions = load_regions(report)
        load_associations(regions, report)
        evidence.load_facts(report)
        return load_directory_page(home, report)
