"""Details from outside the seed load only with their evidence (organizations/data/association_facts.csv)."""

import csv
import datetime

import pytest
from django.db import IntegrityError, transaction

from organizations import evidence
from organizations.models import Association, AssociationFact

pytestmark = pytest.mark.django_db

HEADER = ["slug", "field", "value", "source_url", "confirmed_on"]
SOURCE = "https://www.carpa.se/om-oss"


def write_facts(tmp_path, rows, header=HEADER):
    path = tmp_path / "facts.csv"
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def good_rows():
    return [
        ["carpa", "website", "https://www.carpa.se/", SOURCE, "2026-11-29"],
        ["carpa", "email", "info@carpa.se", SOURCE, "2026-11-29"],
        ["carpa", "phone", "+46 8 123 456", SOURCE, "2026-11-29"],
        ["carpa", "languages", "sv en", SOURCE, "2026-11-29"],
        ["carpa", "support", "meetings information", SOURCE, "2026-11-29"],
        ["carpa", "focus", "nets", SOURCE, "2026-11-29"],
        ["carpa", "description", "Carpa brings together people with NETs in Sweden.", SOURCE, "2026-11-29"],
    ]


def test_the_shipped_facts_file_loads_and_every_fact_has_its_evidence(seeded_directory):
    facts = evidence.read_facts()  # the real file: it must always validate
    assert all(fact.source_url.startswith(("http://", "https://")) and fact.confirmed_on for fact in facts)
    for association in Association.objects.all():
        stored = {fact.field: fact.value for fact in association.facts.all()}
        for field in ("website", "email", "phone", "description"):
            if getattr(association, field):
                assert stored.get(field) == getattr(association, field), (association.slug, field)


def test_evidenced_facts_set_the_association_and_are_stored_with_their_source(seeded_directory, tmp_path):
    changed = evidence.load_facts(lambda message: None, path=write_facts(tmp_path, good_rows()))
    assert changed == 7
    carpa = Association.objects.get(slug="carpa")
    assert carpa.website == "https://www.carpa.se/"
    assert carpa.email == "info@carpa.se"
    assert carpa.phone == "+46 8 123 456"
    assert carpa.languages == "sv en"
    assert carpa.support == "meetings information"
    assert carpa.focus == "nets"
    assert carpa.live and not carpa.has_unpublished_changes
    fact = AssociationFact.objects.get(association=carpa, field="website")
    assert (fact.source_url, fact.confirmed_on) == (SOURCE, datetime.date(2026, 11, 29))


def test_loading_the_same_facts_twice_creates_no_duplicates_and_changes_nothing(seeded_directory, tmp_path):
    path = write_facts(tmp_path, good_rows())
    evidence.load_facts(lambda message: None, path=path)
    revisions = Association.objects.get(slug="carpa").revisions.count()
    assert evidence.load_facts(lambda message: None, path=path) == 0
    assert AssociationFact.objects.filter(association__slug="carpa").count() == 7
    assert Association.objects.get(slug="carpa").revisions.count() == revisions


def test_a_reload_keeps_a_detail_staff_changed_since(seeded_directory, tmp_path):
    path = write_facts(tmp_path, good_rows())
    evidence.load_facts(lambda message: None, path=path)
    Association.objects.filter(slug="carpa").update(phone="+46 8 999 999")
    evidence.load_facts(lambda message: None, path=path)
    assert Association.objects.get(slug="carpa").phone == "+46 8 999 999"


@pytest.mark.parametrize("missing", ["source_url", "confirmed_on"])
def test_a_row_without_evidence_is_rejected_with_its_row_number_and_nothing_loads(seeded_directory, tmp_path, missing):
    rows = good_rows()
    rows[1][HEADER.index(missing)] = ""
    with pytest.raises(evidence.EvidenceError) as error:
        evidence.load_facts(lambda message: None, path=write_facts(tmp_path, rows))
    assert error.value.errors[0][0] == 3  # the header is row 1
    assert f"no {missing}" in str(error.value)
    assert not AssociationFact.objects.filter(association__slug="carpa").exists()
    assert Association.objects.get(slug="carpa").website == ""


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("website", "carpa.se", "website"),
        ("email", "info-at-carpa.se", "email"),
        ("phone", "call us", "phone"),
        ("languages", "swedish", "language"),
        ("support", "meetings therapy", "support"),
        ("focus", "sarcoma", "focus"),
        ("colour", "blue", "unknown field"),
    ],
)
def test_invalid_values_are_rejected(seeded_directory, tmp_path, field, value, reason):
    path = write_facts(tmp_path, [["carpa", field, value, SOURCE, "2026-11-29"]])
    with pytest.raises(evidence.EvidenceError) as error:
        evidence.read_facts(path)
    assert error.value.errors[0][0] == 2
    assert reason in str(error.value)


def test_unknown_slugs_bad_dates_and_second_values_are_rejected(seeded_directory, tmp_path):
    rows = [
        ["no-such-group", "website", "https://example.org/", SOURCE, "2026-11-29"],
        ["carpa", "website", "https://www.carpa.se/", SOURCE, "29/11/2026"],
        ["carpa", "email", "a@carpa.se", SOURCE, "2026-11-29"],
        ["carpa", "email", "b@carpa.se", SOURCE, "2026-11-29"],
        ["carpa", "phone", "+46 8 123 456", "not an address", "2026-11-29"],
    ]
    with pytest.raises(evidence.EvidenceError) as error:
        evidence.read_facts(write_facts(tmp_path, rows))
    assert [row for row, _message in error.value.errors] == [2, 3, 5, 6]


def test_a_file_without_the_evidence_columns_is_rejected(seeded_directory, tmp_path):
    path = write_facts(tmp_path, [["carpa", "website", "https://www.carpa.se/"]], header=["slug", "field", "value"])
    with pytest.raises(evidence.EvidenceError, match="source_url, confirmed_on"):
        evidence.read_facts(path)


def test_the_database_refuses_a_fact_without_a_source(seeded_directory):
    with pytest.raises(IntegrityError), transaction.atomic():
        AssociationFact.objects.create(
            association=Association.objects.get(slug="carpa"),
            field="website",
            value="https://www.carpa.se/",
            source_url="",
            confirmed_on=datetime.date(2026, 11, 29),
        )


def test_visitors_see_when_details_were_checked_against_the_association_website(client, seeded_directory, tmp_path):
    evidence.load_facts(lambda message: None, path=write_facts(tmp_path, good_rows()))
    html = client.get("/patient-associations/carpa/").content.decode()
    assert (
        "Details checked against the association\N{RIGHT SINGLE QUOTATION MARK}s own website on 29 November 2026"
        in html
    )
    # An association the shipped facts file says nothing about.
    other = client.get("/patient-associations/net-italy/").content.decode()
    assert "Details checked against" not in other


def test_the_checked_date_is_not_claimed_for_details_staff_changed_since(client, seeded_directory, tmp_path):
    rows = [["carpa", "website", "https://www.carpa.se/", SOURCE, "2026-11-29"]]
    evidence.load_facts(lambda message: None, path=write_facts(tmp_path, rows))
    Association.objects.filter(slug="carpa").update(website="https://carpa.example.org/")
    html = client.get("/patient-associations/carpa/").content.decode()
    assert "Details checked against" not in html
