"""The directory's file format: one association per row, shared by exports and the importer.

Countries are ISO 3166-1 alpha-3 codes (as in the seed); `countries_served` lists them
separated by spaces; `region` is the region's name; `status` is live, draft or scheduled.
Column names never change. Every cell is written spreadsheet-safe (a leading apostrophe before
`=`, `+`, `-`, `@`, tab or carriage return) and read back without that apostrophe.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django_countries import countries
from wagtail.models import Revision

from netportal.core.spreadsheets import from_spreadsheet_safe, spreadsheet_safe_row

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
    "status",
]

LIVE, DRAFT, SCHEDULED = "live", "draft", "scheduled"
STATUSES = (LIVE, DRAFT, SCHEDULED)


def alpha3(code):
    return countries.alpha3(code) if code else ""


def scheduled_ids():
    """Primary keys (as text) of associations with a publication scheduled: one query."""
    content_type = ContentType.objects.get_for_model(Association)
    return set(
        Revision.objects.filter(base_content_type=content_type, approved_go_live_at__isnull=False).values_list(
            "object_id", flat=True
        )
    )


def status_of(association, scheduled=frozenset()):
    """live, scheduled (not live, with a publication scheduled) or draft."""
    if association.live:
        return LIVE
    return SCHEDULED if str(association.pk) in scheduled else DRAFT


def association_row(association, scheduled=frozenset()):
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
        "status": status_of(association, scheduled),
    }


def write_csv(associations, stream):
    """The associations as CSV, every cell spreadsheet-safe."""
    scheduled = scheduled_ids()
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for association in associations:
        writer.writerow(spreadsheet_safe_row(association_row(association, scheduled)))


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
    errors: list = field(default_factory=list)  # (line number, column, message)


def format_error(line, column, message):
    return f"line {line}, column {column}: {message}" if column else f"line {line}: {message}"


# Model fields the file fills; the rest (live, revisions, locks) the importer sets itself.
MODEL_COLUMNS = [column for column in COLUMNS if column != "status"]


def read_csv(text):
    """Validate every row as the real import would; return cleaned rows and every error.

    Nothing is written. Each row is checked against the file's own rules (known region,
    country and scope…) and then against the model's (`full_clean`: lengths, URL schemes,
    e-mail addresses, the slug being free), so a dry run finds whatever the import would refuse.
    """
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in ("name", "region", "country") if column not in (reader.fieldnames or [])]
    if missing:
        result.errors.append((1, "", f"missing column(s): {', '.join(missing)}"))
        return result
    regions = {region.name.casefold(): region for region in Region.objects.all()}
    regions.update({region.slug: region for region in regions.values()})
    rows = [(reader.line_num, row) for row in reader]
    existing = {
        association.slug: association
        for association in Association.objects.filter(
            slug__in=[(row.get("slug") or "").strip() or slugify(row.get("name") or "") for _line, row in rows]
        )
    }
    seen_slugs = {}
    for line, raw in rows:
        row = {key: from_spreadsheet_safe((value or "").strip()) for key, value in raw.items() if key}
        problems = []  # (column, message)
        for column, value in row.items():
            if "\x00" in value:
                problems.append((column, "contains a NUL character"))
                row[column] = value.replace("\x00", "")
        name = row.get("name", "")
        if not name:
            problems.append(("name", "missing name"))
        slug = row.get("slug") or slugify(name)[:255]
        if slug in seen_slugs:
            problems.append(("slug", f"duplicate slug “{slug}” (also on line {seen_slugs[slug]})"))
        elif slug:
            seen_slugs[slug] = line
        region = regions.get(row.get("region", "").casefold())
        if region is None:
            problems.append(("region", f"unknown region “{row.get('region', '')}”"))
        scope = row.get("scope") or Scope.NATIONAL
        if scope not in Scope.values:
            problems.append(("scope", f"unknown scope “{scope}”"))
        country = ""
        if row.get("country"):
            country = country_code(row["country"])
            if country is None:
                problems.append(("country", f"unknown country “{row['country']}”"))
        elif scope == Scope.NATIONAL:
            problems.append(("country", "a national association needs a country"))
        served = []
        for value in row.get("countries_served", "").replace(",", " ").replace(";", " ").split():
            code = country_code(value)
            if code is None:
                problems.append(("countries_served", f"unknown country “{value}” in countries_served"))
            else:
                served.append(code)
        for column, known in (("languages", LANGUAGES), ("support", Support.values)):
            unknown = [code for code in row.get(column, "").split() if code not in known]
            if unknown:
                problems.append((column, f"unknown {column} code(s) “{' '.join(unknown)}”"))
        if row.get("phone"):
            try:
                phone_validator(row["phone"])
            except ValidationError:
                problems.append(("phone", f"phone “{row['phone']}” is not a phone number"))
        focus = row.get("focus", "")
        if focus and focus not in Focus.values:
            problems.append(("focus", f"unknown focus “{focus}”"))
        last_verified = None
        if row.get("last_verified"):
            try:
                last_verified = datetime.date.fromisoformat(row["last_verified"])
            except ValueError:
                problems.append(("last_verified", f"last_verified “{row['last_verified']}” is not a date (YYYY-MM-DD)"))
        status = row.get("status", "").lower()
        if status and status not in STATUSES:
            problems.append(("status", f"unknown status “{row['status']}” (live, draft or scheduled)"))
        values = {
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
        }
        problems.extend(model_problems(existing.get(slug), values, already=problems))
        if problems:
            result.errors.extend((line, column, message) for column, message in problems)
            continue
        result.rows.append((line, {**values, "status": status}))
    return result


def model_problems(association, values, already):
    """The model's own validation of a row, as (column, message); columns already reported are skipped."""
    instance = association or Association()  # changed here, never saved
    reported = {column for column, _message in already}
    for name, value in values.items():
        if name == "region" and value is None:
            continue
        setattr(instance, name, value)
    exclude = [name for name in MODEL_COLUMNS if name in reported]
    if values["region"] is None:
        exclude.append("region")
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        return [
            ("" if column == "__all__" else column, message)
            for column, messages in error.message_dict.items()
            for message in messages
            if column not in reported
        ]
    return []


def save_and_publish(association):
    """Save the association, record a revision and publish it, as staff publishing does."""
    association.save()
    association.save_revision().publish()


def apply_row(values, publish=False):
    """Create or update the association with the row's slug; return (association, created, status).

    A row is published when it was live in the file (or `publish` is given). A draft or
    scheduled row is saved unpublished, and takes a live association off the site: the file
    says it was not live. A row without a status keeps an existing association's state and
    makes a new one a draft.
    """
    values = dict(values)
    status = values.pop("status", "")
    association = Association.objects.filter(slug=values["slug"]).first()
    created = association is None
    if created:
        association = Association(live=False)
    for name, value in values.items():
        setattr(association, name, value)
    if publish or status == LIVE or (not status and association.live):
        save_and_publish(association)
        return association, created, LIVE
    association.live = False
    association.has_unpublished_changes = True
    association.save()
    association.save_revision()
    return association, created, DRAFT
