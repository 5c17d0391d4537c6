"""Contact details and descriptions from outside the seed, each with its evidence.

`organizations/data/association_facts.csv` has one fact per row: `slug, field, value,
source_url, confirmed_on`. A fact is loaded only with the address of the public page that
states it and the day it was confirmed there; a file with any row lacking either, or with a
value that does not validate, loads nothing and says which rows are wrong.

Loading is idempotent. A fact already stored with the same value changes nothing, so a detail
staff have edited since is not overwritten by loading the demo content again; a new or changed
fact sets the association's field and publishes it.
"""

import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction

from .codes import LANGUAGES, Support, phone_validator
from .exchange import save_and_publish
from .models import Association, AssociationFact, Focus

FACTS_FILE = Path(__file__).parent / "data" / "association_facts.csv"
COLUMNS = ["slug", "field", "value", "source_url", "confirmed_on"]
MAX_DESCRIPTION_LENGTH = 500


class EvidenceError(ValueError):
    """The facts file cannot be loaded; `errors` lists (row number, message), row 1 being the header."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"row {row}: {message}" for row, message in errors))


@dataclass(frozen=True)
class Fact:
    row: int
    slug: str
    field: str
    value: str
    source_url: str
    confirmed_on: datetime.date


def _check_url(value):
    URLValidator(schemes=["http", "https"])(value)


def _codes(value, known, what):
    codes = value.split()
    unknown = [code for code in codes if code not in known]
    if not codes or unknown:
        raise ValidationError(f"unknown {what} code(s) “{' '.join(unknown) or value}”")
    return " ".join(dict.fromkeys(codes))


def clean_value(field, value):
    """The stored form of a fact's value; raises ValidationError with a short reason."""
    if field == "website":
        _check_url(value)
        return value
    if field == "email":
        EmailValidator()(value)
        return value
    if field == "phone":
        phone_validator(value)
        return value
    if field == "languages":
        return _codes(value, LANGUAGES, "language")
    if field == "support":
        return _codes(value, Support.values, "support")
    if field == "focus":
        if value not in Focus.values:
            raise ValidationError(f"focus must be one of {', '.join(Focus.values)}")
        return value
    if field == "description":
        if len(value) > MAX_DESCRIPTION_LENGTH:
            raise ValidationError(f"description longer than {MAX_DESCRIPTION_LENGTH} characters")
        return value
    raise ValidationError(f"unknown field “{field}”")


def read_facts(path=FACTS_FILE):
    """Every fact in the file, validated; raises EvidenceError listing every wrong row."""
    with open(path, encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
        if missing:
            raise EvidenceError([(1, f"missing column(s): {', '.join(missing)}")])
        slugs = set(Association.objects.values_list("slug", flat=True))
        facts, errors, seen = [], [], {}
        for row_number, row in enumerate(reader, start=2):
            row = {key: (value or "").strip() for key, value in row.items() if key}
            problems = []
            if not row["source_url"]:
                problems.append("no source_url: every fact needs the address of the page that states it")
            else:
                try:
                    _check_url(row["source_url"])
                except ValidationError:
                    problems.append(f"source_url “{row['source_url']}” is not an http(s) address")
            confirmed_on = None
            if not row["confirmed_on"]:
                problems.append("no confirmed_on: every fact needs the date it was confirmed (YYYY-MM-DD)")
            else:
                try:
                    confirmed_on = datetime.date.fromisoformat(row["confirmed_on"])
                except ValueError:
                    problems.append(f"confirmed_on “{row['confirmed_on']}” is not a date (YYYY-MM-DD)")
            if row["slug"] not in slugs:
                problems.append(f"no association with slug “{row['slug']}”")
            key = (row["slug"], row["field"])
            if key in seen:
                problems.append(f"a second {row['field']} for “{row['slug']}” (first on row {seen[key]})")
            seen.setdefault(key, row_number)
            value = row["value"]
            if not value:
                problems.append("empty value")
            else:
                try:
                    value = clean_value(row["field"], value)
                except ValidationError as error:
                    problems.append(f"{row['field']} “{row['value']}”: {' '.join(error.messages)}")
            if problems:
                errors.extend((row_number, problem) for problem in problems)
            else:
                facts.append(Fact(row_number, row["slug"], row["field"], value, row["source_url"], confirmed_on))
    if errors:
        raise EvidenceError(errors)
    return facts


def load_facts(report, path=FACTS_FILE):
    """Store the file's facts and set the associations' fields; all or nothing. Returns the number changed."""
    facts = read_facts(path)
    changed = 0
    with transaction.atomic():
        associations = {a.slug: a for a in Association.objects.filter(slug__in={fact.slug for fact in facts})}
        stored = {
            (fact.association_id, fact.field): fact
            for fact in AssociationFact.objects.filter(association__in=associations.values())
        }
        to_publish = {}
        for fact in facts:
            association = associations[fact.slug]
            existing = stored.get((association.pk, fact.field))
            if existing and (existing.value, existing.source_url, existing.confirmed_on) == (
                fact.value,
                fact.source_url,
                fact.confirmed_on,
            ):
                continue
            if existing is None or existing.value != fact.value:
                setattr(association, fact.field, fact.value)
                to_publish[association.pk] = association
            AssociationFact.objects.update_or_create(
                association=association,
                field=fact.field,
                defaults={"value": fact.value, "source_url": fact.source_url, "confirmed_on": fact.confirmed_on},
            )
            changed += 1
        for association in to_publish.values():
            association.full_clean(validate_constraints=False)
            save_and_publish(association)
            report(f"set confirmed details of “{association.name}”")
    return changed
