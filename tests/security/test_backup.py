"""backup_portal and restore_portal round-trip a populated site into a fresh database and media folder."""

import io
import json
import os
import subprocess
import sys

import pytest
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


def run_in_fresh_site(code_or_args, environment):
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


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

    fresh = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    fresh.update(
        DJANGO_SETTINGS_MODULE="netportal.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "fresh-media"),
    )
    output = run_in_fresh_site(["manage.py", "restore_portal", str(backup), "--noinput"], fresh)
    assert "Restore complete" in output

    after = json.loads(
        run_in_fresh_site(
            "import django; django.setup(); from tests.security.snapshot import snapshot; print(snapshot())", fresh
        )
    )
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
