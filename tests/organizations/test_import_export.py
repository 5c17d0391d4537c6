import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from organizations import content as directory_content
from organizations.models import Association
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db

HEADER = "slug,name,subtitle,former_names,acronym,country,region,scope,countries_served,website,email,languages,description,focus,last_verified\n"  # noqa: E501
EXPORT_HEADER = HEADER.replace("last_verified\n", "last_verified,phone,support,status\n")
# The import reads columns by name: a file with a status column and no phone or support.
STATUS_HEADER = HEADER.replace("last_verified\n", "last_verified,status\n")


def export_text():
    stream = io.StringIO()
    call_command("export_associations", stdout=stream)
    return stream.getvalue()


def snapshot():
    return sorted(Association.objects.values_list("slug", "name", "country", "region__name", "scope", "subtitle"))


@pytest.fixture
def seed_regions(db):
    """The seed's regions and one association already in the directory."""
    regions = directory_content.load_regions(report=lambda message: None)
    AssociationFactory(name="Existing group", slug="existing-group", country="FR", region=regions["Europe"])
    return regions


def write(tmp_path, text):
    path = tmp_path / "associations.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_export_then_import_is_a_round_trip(seeded_directory, tmp_path):
    exported = export_text()
    assert exported.startswith(EXPORT_HEADER)  # new columns come last
    before = snapshot()
    Association.objects.all().delete()
    out = io.StringIO()
    call_command("import_associations", write(tmp_path, exported), stdout=out)
    assert "41 created, 0 updated (0 left unpublished)" in out.getvalue()
    assert "[41/41]" in out.getvalue()
    assert snapshot() == before
    assert export_text() == exported
    assert Association.objects.filter(live=True).count() == 41


def test_import_updates_by_slug(seeded_directory, tmp_path):
    text = HEADER + "luce,LuCE,Lung cancer patients,,,CHE,Europe,national,,,,,,,2026-01-31\n"
    out = io.StringIO()
    call_command("import_associations", write(tmp_path, text), stdout=out)
    assert "0 created, 1 updated" in out.getvalue()
    assert Association.objects.get(slug="luce").live  # no status column: a live association stays live
    luce = Association.objects.get(slug="luce")
    assert luce.subtitle == "Lung cancer patients"
    assert str(luce.last_verified) == "2026-01-31"
    assert Association.objects.count() == 41


def test_import_dry_run_writes_nothing(seed_regions, tmp_path):
    text = HEADER + "new-group,New group,,,,FRA,Europe,national,,,,,,,\n"
    out = io.StringIO()
    call_command("import_associations", write(tmp_path, text), "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    assert not Association.objects.filter(slug="new-group").exists()


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("bad-country,Bad country,,,,XXX,Europe,national,,,,,,,", "line 3, column country: unknown country “XXX”"),
        ("bad-region,Bad region,,,,FRA,Atlantis,national,,,,,,,", "line 3, column region: unknown region “Atlantis”"),
        ("no-name,,,,,FRA,Europe,national,,,,,,,", "line 3, column name: missing name"),
        (
            "good-group,Duplicate,,,,FRA,Europe,national,,,,,,,",
            "line 3, column slug: duplicate slug “good-group” (also on line 2)",
        ),
        (
            "no-country,No country,,,,,Europe,national,,,,,,,",
            "line 3, column country: a national association needs a country",
        ),
        (
            "bad-served,Bad served,,,,,Europe,multinational,FRA QQQ,,,,,,",
            "line 3, column countries_served: unknown country “QQQ”",
        ),
        ("bad-date,Bad date,,,,FRA,Europe,national,,,,,,,31/01/2026", "line 3, column last_verified: last_verified"),
    ],
)
def test_a_bad_row_is_reported_by_line_and_nothing_is_written(seed_regions, tmp_path, bad_row, message):
    before = snapshot()
    text = HEADER + "good-group,Good group,,,,FRA,Europe,national,,,,,,,\n" + bad_row + "\n"
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_associations", write(tmp_path, text), stderr=err)
    assert message in err.getvalue()
    assert snapshot() == before


def test_import_refuses_a_file_without_the_required_columns(db, tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_associations", write(tmp_path, "title,place\nA,B\n"), stderr=err)
    assert "line 1: missing column(s): name, region, country" in err.getvalue()
    assert Association.objects.count() == 0


def test_import_refuses_a_file_that_is_not_utf8_or_missing(seed_regions, tmp_path):
    before = snapshot()
    path = tmp_path / "latin1.csv"
    path.write_bytes((HEADER + "zurich-group,Zürich group,,,,CHE,Europe,national,,,,,,,\n").encode("latin-1"))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_associations", str(path))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_associations", str(tmp_path / "nowhere.csv"))
    assert snapshot() == before


def test_a_dry_run_of_a_bad_file_reports_every_bad_line(seed_regions, tmp_path):
    text = (
        HEADER
        + "one,One,,,,XXX,Europe,national,,,,,,,\n"
        + "two,Two,,,,FRA,Europe,national,,,,,,,\n"
        + "three,,,,,FRA,Atlantis,national,,,,,,,\n"
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_associations", write(tmp_path, text), "--dry-run", stderr=err)
    report = err.getvalue()
    assert "line 2, column country: unknown country “XXX”" in report
    assert "line 3" not in report
    assert "line 4, column name: missing name" in report
    assert "line 4, column region: unknown region “Atlantis”" in report
    assert not Association.objects.filter(slug__in=["one", "two", "three"]).exists()


# --- Status travels with the file (finding 5) ---


def test_export_carries_each_associations_status(seed_regions):
    AssociationFactory(name="Hidden group", slug="hidden-group", country="DE", live=False)
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(export_text()))}
    assert rows["existing-group"]["status"] == "live"
    assert rows["hidden-group"]["status"] == "draft"


def test_export_says_scheduled_for_an_association_waiting_for_its_go_live_date(seed_regions):
    association = AssociationFactory(name="Soon group", slug="soon-group", country="DE", live=False)
    association.go_live_at = timezone.now() + datetime.timedelta(days=3)
    association.save_revision().publish()  # a future go-live date schedules instead of publishing
    association.refresh_from_db()
    assert not association.live
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(export_text()))}
    assert rows["soon-group"]["status"] == "scheduled"


def test_export_then_import_keeps_hidden_associations_hidden(seed_regions, tmp_path):
    AssociationFactory(name="Hidden group", slug="hidden-group", country="DE", live=False)
    exported = export_text()
    Association.objects.all().delete()
    call_command("import_associations", write(tmp_path, exported), stdout=io.StringIO())
    assert Association.objects.get(slug="existing-group").live
    assert not Association.objects.get(slug="hidden-group").live


def test_importing_a_draft_row_takes_a_live_association_off_the_site(seed_regions, tmp_path):
    text = STATUS_HEADER + "existing-group,Existing group,,,,FRA,Europe,national,,,,,,,,draft\n"
    call_command("import_associations", write(tmp_path, text), stdout=io.StringIO())
    assert not Association.objects.get(slug="existing-group").live


def test_import_publishes_draft_rows_only_when_asked(seed_regions, tmp_path):
    text = (
        STATUS_HEADER
        + "draft-group,Draft group,,,,FRA,Europe,national,,,,,,,,draft\n"
        + "soon-group,Soon group,,,,FRA,Europe,national,,,,,,,,scheduled\n"
        + "no-status,No status,,,,FRA,Europe,national,,,,,,,,\n"
    )
    path = write(tmp_path, text)
    out = io.StringIO()
    call_command("import_associations", path, stdout=out)
    assert "3 created, 0 updated (3 left unpublished)" in out.getvalue()
    assert not Association.objects.filter(slug__in=["draft-group", "soon-group", "no-status"], live=True).exists()
    call_command("import_associations", path, "--publish", stdout=io.StringIO())
    assert Association.objects.filter(slug__in=["draft-group", "soon-group", "no-status"], live=True).count() == 3


def test_import_refuses_an_unknown_status(seed_regions, tmp_path):
    text = STATUS_HEADER + "odd-group,Odd group,,,,FRA,Europe,national,,,,,,,,published\n"
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_associations", write(tmp_path, text), stderr=err)
    assert "line 2, column status: unknown status “published”" in err.getvalue()


# --- Dry run and real import check the same things (finding 6) ---

HOSTILE_ROWS = [
    ("js-link,JS link,,,,FRA,Europe,national,,javascript:alert(1),,,,,", "line 3, column website: Enter a valid URL."),
    (f"long-name,{'N' * 300},,,,FRA,Europe,national,,,,,,,", "line 3, column name: Ensure this value has at most 255"),
    ("nul-byte,Nul\x00byte,,,,FRA,Europe,national,,,,,,,", "line 3, column name: contains a NUL character"),
    ("bad-mail,Bad mail,,,,FRA,Europe,national,,,not-an-address,,,,", "line 3, column email: Enter a valid email"),
]


@pytest.mark.parametrize(("bad_row", "message"), HOSTILE_ROWS)
@pytest.mark.parametrize("dry_run", [True, False], ids=["dry-run", "real-import"])
def test_dry_run_and_real_import_report_the_same_row_column_and_message(
    seed_regions, tmp_path, bad_row, message, dry_run
):
    before = snapshot()
    text = HEADER + "good-group,Good group,,,,FRA,Europe,national,,,,,,,\n" + bad_row + "\n"
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_associations", write(tmp_path, text), *(["--dry-run"] if dry_run else []), stderr=err)
    assert message in err.getvalue()
    assert snapshot() == before


# --- Spreadsheet-safe files (finding 2) ---

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_exported_csv_cells_never_start_a_formula(seed_regions, formula):
    AssociationFactory(name=formula, slug="formula-group", country="DE", subtitle=formula)
    row = next(row for row in csv.DictReader(io.StringIO(export_text())) if row["slug"] == "formula-group")
    assert row["name"] == "'" + formula
    assert row["subtitle"] == "'" + formula


def test_spreadsheet_safe_export_round_trips_through_import(seed_regions, tmp_path):
    AssociationFactory(name="=1+2 group", slug="formula-group", country="DE")
    exported = export_text()
    Association.objects.all().delete()
    call_command("import_associations", write(tmp_path, exported), stdout=io.StringIO())
    assert Association.objects.get(slug="formula-group").name == "=1+2 group"


NEW_HEADER = HEADER.rstrip("\n") + ",phone,support\n"


def test_import_reads_phone_languages_and_support(seed_regions, tmp_path):
    text = (
        NEW_HEADER + "new-group,New group,,,,FRA,Europe,national,,,,fr en,,nets,,+33 1 23 45 67 89,helpline meetings\n"
    )
    call_command("import_associations", write(tmp_path, text), stdout=io.StringIO())
    group = Association.objects.get(slug="new-group")
    assert (group.phone, group.languages, group.support) == ("+33 1 23 45 67 89", "fr en", "helpline meetings")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ("French,,,", "unknown languages code(s) “French”"),
        (",,call us,", "phone “call us” is not a phone number"),
        (",,,therapy", "unknown support code(s) “therapy”"),
    ],
)
def test_import_refuses_unknown_codes_and_bad_phones(seed_regions, tmp_path, values, message):
    languages, _focus, phone, support = values.split(",")
    row = f"bad-group,Bad group,,,,FRA,Europe,national,,,,{languages},,,,{phone},{support}\n"
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_associations", write(tmp_path, NEW_HEADER + row), stderr=errors)
    column = {"unknown languages": "languages", "phone": "phone", "unknown support": "support"}
    name = next(column[start] for start in column if message.startswith(start))
    assert f"line 2, column {name}: {message}" in errors.getvalue()
    assert not Association.objects.filter(slug="bad-group").exists()
