"""backup_portal and restore_portal round-trip a populated site into a fresh database and media folder."""

import io
import json
import os
import sqlite3
import stat
import subprocess
import sys

import dj_database_url
import psycopg2
import pytest
import redis
import wagtail_factories
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import AssociationFactory, CustomImageFactory, StandardPageFactory
from tests.security.conftest import ROOT
from tests.security.snapshot import snapshot

pytestmark = pytest.mark.django_db


def populate(home_page):
    """Pages with bodies and revisions, images and a document with real files, and associations."""
    images = [CustomImageFactory(title=f"Scan {number}", credit="Courtesy of a hospital") for number in range(3)]
    about = StandardPageFactory(
        parent=home_page,
        title="About this portal",
        slug="about",
        body=[("section", {"heading": "Who we are", "body": "<p>Patients and carers.</p>"})],
    )
    about.save_revision().publish()
    draft = StandardPageFactory(parent=about, title="A draft", slug="draft", live=False)
    draft.save_revision()
    wagtail_factories.DocumentFactory(title="Leaflet")
    associations = [
        AssociationFactory(name="Netzwerk NET", country="DE"),
        AssociationFactory(name="European network", country="", scope="multinational", countries_served=["FR", "IT"]),
    ]
    return images, associations


def run_in_fresh_site(code_or_args, environment, expect_success=True, stdin=None):
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600, input=stdin
    )
    if expect_success:
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout
    return result


SNAPSHOT_CODE = "import django; django.setup(); from tests.security.snapshot import snapshot; print(snapshot())"
# The demo site, as `make run` leaves it: pages, associations, an admin; its content types and ids
# come from this database's own history, not the backup's.
DEMO_CONTENT_CODE = (
    "import django; django.setup(); from django.core.management import call_command; "
    "call_command('migrate', verbosity=0); call_command('load_portal_content', verbosity=0); "
    "from django.contrib.auth import get_user_model; "
    "get_user_model().objects.create_superuser('someone-else', 'x@example.org', 'another-long-password')"
)
# Redis database 7 is this suite's; the key is the caching app's generation (KEY_PREFIX, version).
RESTORE_REDIS_URL = "redis://127.0.0.1:6379/7"
GENERATION_KEY = "netportal:1:caching:generation"
POSTGRES_URL = os.environ.get("DATABASE_URL", "") if os.environ.get("DATABASE_URL", "").startswith("postgres") else ""


def site_environment(tmp_path, database_url):
    environment = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="netportal.settings.dev",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp_path / "fresh-media"),
    )
    return environment


def fresh_postgres_database(name_suffix):
    """A new, empty PostgreSQL database on the suite's server, named after the suite's own database."""
    config = dj_database_url.parse(POSTGRES_URL)
    name = f"{config['NAME']}_{name_suffix}"
    server = {
        "host": config.get("HOST") or "127.0.0.1",
        "port": int(config.get("PORT") or 5432),
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or "",
    }
    connection = psycopg2.connect(dbname="postgres", **server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    credentials = server["user"] + (f":{server['password']}" if server["password"] else "")
    return f"postgres://{credentials}@{server['host']}:{server['port']}/{name}"


def test_backup_and_restore_round_trip_a_populated_site_into_a_fresh_database(home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    _images, associations = populate(home_page)
    before = json.loads(snapshot())
    assert len(before["pages"]) >= 4
    assert len(before["images"]) == 3
    assert len(before["documents"]) == 1

    backup = tmp_path / "backup"
    call_command("backup_portal", str(backup), stdout=io.StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["media_files"] >= 4
    assert manifest["objects"]["core.customimage"] == 3

    fresh = site_environment(tmp_path, f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    output = run_in_fresh_site(["manage.py", "restore_portal", str(backup), "--noinput"], fresh)
    assert "Restore complete" in output

    after = json.loads(run_in_fresh_site(SNAPSHOT_CODE, fresh))
    assert after == before
    assert [row["name"] for row in after["associations"]][-2:] == [association.name for association in associations]


def test_backup_refuses_to_overwrite_a_folder_that_is_not_empty(db, tmp_path):
    (tmp_path / "something.txt").write_text("keep me")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_portal", str(tmp_path))
    assert (tmp_path / "something.txt").read_text() == "keep me"


def test_restore_refuses_a_folder_that_is_not_a_backup(db, tmp_path):
    with pytest.raises(CommandError, match="not a portal backup"):
        call_command("restore_portal", str(tmp_path), interactive=False)


# --- Restoring into a database that already has content (finding 1) ---


@pytest.mark.parametrize(
    "vendor",
    [
        "sqlite",
        pytest.param(
            "postgresql",
            marks=pytest.mark.skipif(not POSTGRES_URL, reason="DATABASE_URL is not a PostgreSQL database"),
        ),
    ],
)
def test_restore_replaces_a_database_that_already_has_content(home_page, settings, tmp_path, vendor):
    settings.MEDIA_ROOT = tmp_path / "media"
    populate(home_page)
    before = json.loads(snapshot())
    backup = tmp_path / "backup"
    call_command("backup_portal", str(backup), stdout=io.StringIO())

    database_url = (
        f"sqlite:///{tmp_path / 'busy.sqlite3'}" if vendor == "sqlite" else fresh_postgres_database("restore")
    )
    busy = site_environment(tmp_path, database_url)
    # The restore runs in a process of its own: the web servers' shared cache must learn of it.
    busy["REDIS_URL"] = RESTORE_REDIS_URL
    shared_cache = redis.Redis.from_url(RESTORE_REDIS_URL)
    shared_cache.delete(GENERATION_KEY)
    run_in_fresh_site(DEMO_CONTENT_CODE, busy)
    assert json.loads(run_in_fresh_site(SNAPSHOT_CODE, busy)) != before
    generation_before = shared_cache.get(GENERATION_KEY)
    assert generation_before, "loading the demo content published pages through the shared cache"

    output = run_in_fresh_site(["manage.py", "restore_portal", str(backup), "--yes"], busy)
    assert "Restore complete" in output
    assert shared_cache.get(GENERATION_KEY) not in (None, generation_before), "the page caches were not renewed"
    after = json.loads(run_in_fresh_site(SNAPSHOT_CODE, busy))
    assert after == before  # replaced whole: nothing of the demo site is left
    assert "someone-else" not in [username for username, _superuser in after["users"]]


def test_restore_asks_first_and_a_no_changes_nothing(home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    backup = tmp_path / "backup"
    call_command("backup_portal", str(backup), stdout=io.StringIO())
    untouched = site_environment(tmp_path, f"sqlite:///{tmp_path / 'untouched.sqlite3'}")
    result = run_in_fresh_site(
        ["manage.py", "restore_portal", str(backup)], untouched, expect_success=False, stdin="no\n"
    )
    assert result.returncode != 0
    assert "Type 'yes' to go on" in result.stdout
    assert "Restore cancelled; nothing was changed." in result.stderr
    database = tmp_path / "untouched.sqlite3"
    if database.exists():  # the system checks may open it; nothing may have been migrated or loaded
        with sqlite3.connect(database) as connection:
            assert connection.execute("SELECT name FROM sqlite_master").fetchall() == []


def test_a_failed_restore_leaves_the_content_that_was_there(home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    populate(home_page)
    backup = tmp_path / "backup"
    call_command("backup_portal", str(backup), stdout=io.StringIO())
    database = backup / "database.json"
    items = json.loads(database.read_text())
    association = next(item for item in items if item["model"] == "organizations.association")
    association["fields"]["region"] = 999_999  # points nowhere: loading must fail at the end
    database.write_text(json.dumps(items))

    busy = site_environment(tmp_path, f"sqlite:///{tmp_path / 'busy.sqlite3'}")
    run_in_fresh_site(DEMO_CONTENT_CODE, busy)
    before = run_in_fresh_site(SNAPSHOT_CODE, busy)
    result = run_in_fresh_site(["manage.py", "restore_portal", str(backup), "--yes"], busy, expect_success=False)
    assert result.returncode != 0
    assert "rolled back" in result.stderr
    assert "Traceback" not in result.stderr
    assert run_in_fresh_site(SNAPSHOT_CODE, busy) == before


def test_restore_refuses_a_backup_of_another_schema_and_changes_nothing(home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    backup = tmp_path / "backup"
    call_command("backup_portal", str(backup), stdout=io.StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    assert "governance.0003_rate_limit_hits_when_redis_is_down" in manifest["migrations"]
    manifest["migrations"].remove("governance.0003_rate_limit_hits_when_redis_is_down")
    manifest["migrations"].append("organizations.9999_from_the_future")
    (backup / "manifest.json").write_text(json.dumps(manifest))
    before = snapshot()
    with pytest.raises(CommandError, match="different database schema") as refusal:
        call_command("restore_portal", str(backup), interactive=False, stdout=io.StringIO())
    assert "governance.0003_rate_limit_hits_when_redis_is_down" in str(refusal.value)
    assert "organizations.9999_from_the_future" in str(refusal.value)
    assert snapshot() == before


def test_restore_refuses_another_backup_format(db, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup_portal", str(backup), stdout=io.StringIO())
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["format"] = 1
    (backup / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="backup format 1"):
        call_command("restore_portal", str(backup), interactive=False)


def test_backup_lists_content_types_before_everything_else(home_page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    populate(home_page)
    call_command("backup_portal", str(tmp_path / "backup"), stdout=io.StringIO())
    models = [item["model"] for item in json.loads((tmp_path / "backup" / "database.json").read_text())]
    first_other = next(index for index, model in enumerate(models) if model != "contenttypes.contenttype")
    assert set(models[:first_other]) == {"contenttypes.contenttype"}
    assert "contenttypes.contenttype" not in models[first_other:]


# --- Private backups (finding 7) ---


def test_backups_are_readable_by_their_owner_only(home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    populate(home_page)
    media_file = next(path for path in (tmp_path / "media").rglob("*") if path.is_file())
    media_file.chmod(0o644)
    backup = tmp_path / "backup"
    call_command("backup_portal", str(backup), stdout=io.StringIO())
    assert stat.S_IMODE(backup.stat().st_mode) == 0o700
    paths = list(backup.rglob("*"))
    assert len([path for path in paths if path.is_file()]) >= 5
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path


def test_restore_warns_when_others_can_read_the_backup(db, tmp_path):
    backup = tmp_path / "backup"
    call_command("backup_portal", str(backup), stdout=io.StringIO())
    backup.chmod(0o755)
    (backup / "database.json").chmod(0o644)
    manifest = json.loads((backup / "manifest.json").read_text())
    manifest["migrations"] = []  # refused after the warning, so nothing is restored in this test
    (backup / "manifest.json").write_text(json.dumps(manifest))
    err = io.StringIO()
    with pytest.raises(CommandError, match="different database schema"):
        call_command("restore_portal", str(backup), interactive=False, stderr=err)
    assert f"Warning: {backup / 'database.json'} can be read by other users (mode 0644)" in err.getvalue()
    assert f"Warning: {backup} can be read by other users (mode 0755)" in err.getvalue()
