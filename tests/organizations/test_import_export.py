import io

import pytest
from django.core.management import CommandError, call_command

from organizations import content as directory_content
from organizations.models import Association
from tests.factories import AssociationFactory

pytestmark = pytest.mark.django_db

HEADER = "slug,name,subtitle,former_names,acronym,country,region,scope,countries_served,website,email,languages,description,focus,last_verified\n"  # noqa: E501


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
    assert exported.startswith(HEADER.rstrip("\n") + ",phone,support\n")  # new columns come last
    before = snapshot()
    Association.objects.all().delete()
    out = io.StringIO()
    call_command("import_associations", write(tmp_path, exported), stdout=out)
    assert "41 created, 0 updated" in out.getvalue()
    assert "[41/41]" in out.getvalue()
    assert snapshot() == before
    assert export_text() == exported
    assert Association.objects.filter(live=True).count() == 41


def test_import_updates_by_slug(seeded_directory, tmp_path):
    text = HEADER + "luce,LuCE,Lung cancer patients,,,CHE,Europe,national,,,,,,,2026-01-31\n"
    out = io.StringIO()
    call_command("import_associations", write(tmp_path, text), stdout=out)
    assert "0 created, 1 updated" in out.getvalue()
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
        ("bad-country,Bad country,,,,XXX,Europe,national,,,,,,,", "line 3: unknown country “XXX”"),
        ("bad-region,Bad region,,,,FRA,Atlantis,national,,,,,,,", "line 3: unknown region “Atlantis”"),
        ("no-name,,,,,FRA,Europe,national,,,,,,,", "line 3: missing name"),
        ("good-group,Duplicate,,,,FRA,Europe,national,,,,,,,", "line 3: duplicate slug “good-group” (also on line 2)"),
        ("no-country,No country,,,,,Europe,national,,,,,,,", "line 3: a national association needs a country"),
        ("bad-served,Bad served,,,,,Europe,multinational,FRA QQQ,,,,,,", "line 3: unknown country “QQQ”"),
        ("bad-date,Bad date,,,,FRA,Europe,national,,,,,,,31/01/2026", "line 3: last_verified"),
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
    assert "missing column(s): name, region, country" in err.getvalue()
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
    assert "line 2: unknown country “XXX”" in report
    assert "line 3" not in report
    assert "line 4: missing name" in report
    assert "line 4: unknown region “Atlantis”" in report
    assert not Association.objects.filter(slug__in=["one", "two", "three"]).exists()


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
    assert f"line 2: {message}" in errors.getvalue()
    assert not Association.objects.filter(slug="bad-group").exists()
