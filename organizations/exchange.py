"""The directory's file format: one association per row, shared by exports and the importer.

Countries are ISO 3166-1 alpha-3 codes (as in the seed); `countries_served` lists them
separated by spaces; `region` is the region's name. Column names never change.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django_countries import countries

from .codes import LANGUAGES, Support, phone_validator
from .models import Association, Focus, Region, Scope

COLUMNS = [
    "slug",
    "name",
    "subtitle",
    "former_names",
    "acronym",
    "country",
    "region",
    "scope",
    "countries_served",
    "website",
    "email",
    "languages",
    "description",
    "focus",
    "last_verified",
    "phone",
    "support",
]


def alpha3(code):
    return countries.alpha3(code) if code else ""


def association_row(association):
    """A dict of the file's columns for one association (its region must be loaded)."""
    return {
        "slug": association.slug,
        "name": association.name,
        "subtitle": association.subtitle,
        "former_names": association.former_names,
        "acronym": association.acronym,
        "country": alpha3(association.country.code),
        "region": association.region.name,
        "scope": association.scope,
        "countries_served": " ".join(alpha3(country.code) for country in association.countries_served),
        "website": association.website,
        "email": association.email,
        "languages": association.languages,
        "description": association.description,
        "focus": association.focus,
        "last_verified": association.last_verified.isoformat() if association.last_verified else "",
        "phone": association.phone,
        "support": association.support,
    }


def write_csv(associations, stream):
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for association in associations:
        writer.writerow(association_row(association))


def country_code(value):
    """Alpha-2 code for an alpha-2 or alpha-3 code, or None when it is not a country."""
    value = value.strip().upper()
    if len(value) not in (2, 3):
        return None
    code = countries.alpha2(value)
    return code or None


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)  # (line number, cleaned dict)
    errors: list = field(default_factory=list)  # (line number, message)


def read_csv(text):
    """Validate every row; return cleaned rows and errors by line number (nothing is written)."""
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in ("name", "region", "country") if column not in (reader.fieldnames or [])]
    if missing:
        result.errors.append((1, f"missing column(s): {', '.join(missing)}"))
        return result
    regions = {region.name.casefold(): region for region in Region.objects.all()}
    regions.update({region.slug: region for region in regions.values()})
    seen_slugs = {}
    for row in reader:
        line = reader.line_num
        row = {key: (value or "").strip() for key, value in row.items() if key}
        problems = []
        name = row.get("name", "")
        if not name:
            problems.append("missing name")
        slug = row.get("slug") or slugify(name)
        if slug in seen_slugs:
            problems.append(f"duplicate slug “{slug}” (also on line {seen_slugs[slug]})")
        elif slug:
            seen_slugs[slug] = line
        region = regions.get(row.get("region", "").casefold())
        if region is None:
            problems.append(f"unknown region “{row.get('region', '')}”")
        scope = row.get("scope") or Scope.NATIONAL
        if scope not in Scope.values:
            problems.append(f"unknown scope “{scope}”")
        country = ""
        if row.get("country"):
            country = country_code(row["country"])
            if country is None:
                problems.append(f"unknown country “{row['country']}”")
        elif scope == Scope.NATIONAL:
            problems.append("a national association needs a country")
        served = []
        for value in row.get("countries_served", "").replace(",", " ").replace(";", " ").split():
            code = country_code(value)
            if code is None:
                problems.append(f"unknown country “{value}” in countries_served")
            else:
                served.append(code)
        for column, known in (("languages", LANGUAGES), ("support", Support.values)):
            unknown = [code for code in row.get(column, "").split() if code not in known]
            if unknown:
                problems.append(f"unknown {column} code(s) “{' '.join(unknown)}”")
        if row.get("phone"):
            try:
                phone_validator(row["phone"])
            except ValidationError:
                problems.append(f"phone “{row['phone']}” is not a phone number")
        focus = row.get("focus", "")
        if focus and focus not in Focus.values:
            problems.append(f"unknown focus “{focus}”")
        last_verified = None
        if row.get("last_verified"):
            try:
                last_verified = datetime.date.fromisoformat(row["last_verified"])
            except ValueError:
                problems.append(f"last_verified “{row['last_verified']}” is not a date (YYYY-MM-DD)")
        if problems:
            result.errors.extend((line, problem) for problem in problems)
            continue
        result.rows.append(
            (
                line,
                {
                    "slug": slug,
                    "name": name,
                    "subtitle": row.get("subtitle", ""),
                    "former_names": row.get("former_names", ""),
                    "acronym": row.get("acronym", ""),
                    "country": country or "",
                    "region": region,
                    "scope": scope,
                    "countries_served": served,
                    "website": row.get("website", ""),
                    "email": row.get("email", ""),
                    "languages": row.get("languages", ""),
                    "description": row.get("description", ""),
                    "focus": focus,
                    "last_verified": last_verified,
                    "phone": row.get("phone", ""),
                    "support": row.get("support", ""),
                },
            )
        )
    return result


def save_and_publish(association):
    """Save the association, record a revision and publish it, as staff publishing does."""
    association.save()
    association.save_revision().publish()


def apply_row(values):
    """Create or update the association with the row's slug; return (association, created)."""
    association = Association.objects.filter(slug=values["slug"]).first()
    created = association is None
    if created:
        association = Association()
    for name, value in values.items():
        setattr(association, name, value)
    save_and_publish(association)
    return association, created
