"""Back up the portal's content: every page, image, document, association, user and setting, plus media.

A backup holds password hashes and visitors' e-mail addresses: its folder is made readable by
its owner only (0700, files 0600).
"""

import json
import os
import shutil
from collections import Counter
from pathlib import Path

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

# 2: content types first in database.json; the manifest records the migration state.
BACKUP_FORMAT = 2
DATABASE_FILE = "database.json"
MANIFEST_FILE = "manifest.json"
MEDIA_FOLDER = "media"

# Worthless after a restore: sessions, login-attempt logs, search index rows (restore_portal
# rebuilds the index), open editing sessions and half-finished uploads. Some models exist only
# on one database (SQLite's full-text index); see excluded_labels().
EXCLUDED = [
    "sessions",
    "axes",
    "wagtailsearch.indexentry",
    "wagtailsearch.sqliteftsindexentry",
    "wagtailadmin.editingsession",
    "wagtailcore.uploadedfile",
    "governance.ratelimithit",
]

# Loaded first on restore, so that no model's save creates a content type the backup also holds.
LOAD_FIRST = ["contenttypes.contenttype", "auth.permission"]
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def applied_migrations(using_connection=None):
    """Sorted "app.migration" names applied to the database: the schema the content belongs to."""
    loader = MigrationLoader(using_connection or connection, ignore_no_migrations=True)
    # Squashed migrations: the database records both the squash and the migrations it replaces;
    # only what the migration graph holds is compared (as code_migrations() lists it).
    return sorted(f"{app}.{name}" for app, name in loader.applied_migrations if (app, name) in loader.graph.nodes)


def code_migrations():
    """Sorted "app.migration" names this version of the code has (what migrate applies)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(f"{app}.{name}" for app, name in loader.graph.nodes)


def make_private(folder):
    """Owner-only permissions for the folder and everything in it."""
    folder.chmod(FOLDER_MODE)
    for path in folder.rglob("*"):
        path.chmod(FOLDER_MODE if path.is_dir() else FILE_MODE)


def excluded_labels():
    """EXCLUDED without the models this database does not have (dumpdata refuses unknown ones)."""
    labels = []
    for label in EXCLUDED:
        try:
            if "." in label:
                apps.get_model(label)
            else:
                apps.get_app_config(label)
        except LookupError:
            continue
        labels.append(label)
    return labels


class Command(BaseCommand):
    help = (
        "Write the database content (JSON) and the media folder into DIR, a new or empty folder. "
        "restore_portal DIR reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a new or empty folder for the backup")

    def handle(self, *args, directory, **options):
        target = Path(directory)
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            raise CommandError(f"{target} is not empty; choose a new or empty folder so no backup is overwritten.")
        target.mkdir(parents=True, exist_ok=True)
        target.chmod(FOLDER_MODE)
        previous_umask = os.umask(0o077)  # files are created private, not made private afterwards
        try:
            self.write_backup(target)
            make_private(target)  # copied media files keep their modes otherwise
        except BaseException:
            # No half-written backup left behind to be mistaken for a good one.
            shutil.rmtree(target, ignore_errors=True)
            raise
        finally:
            os.umask(previous_umask)

    def write_backup(self, target):
        self.stdout.write(f"Backing up the database to {target / DATABASE_FILE}…")
        # Primary keys are kept as they are, content types included, instead of natural keys:
        # Wagtail keeps page and content type ids inside JSON (StreamField values, revisions) and
        # its log entries may point at deleted pages, none of which natural keys can carry.
        call_command(
            "dumpdata",
            exclude=excluded_labels(),
            output=str(target / DATABASE_FILE),
            indent=1,
            verbosity=0,
        )
        with (target / DATABASE_FILE).open() as dump:
            items = json.load(dump)
        # dumpdata writes apps in INSTALLED_APPS order, pages before content types; loading that
        # into a database whose content types differ failed (a page's save created one first).
        items.sort(key=lambda item: LOAD_FIRST.index(item["model"]) if item["model"] in LOAD_FIRST else len(LOAD_FIRST))
        with (target / DATABASE_FILE).open("w") as dump:
            json.dump(items, dump, indent=1)
        objects = Counter(item["model"] for item in items)

        media_root = Path(settings.MEDIA_ROOT)
        media_files = []
        if media_root.is_dir():
            self.stdout.write(f"Copying media from {media_root}…")
            shutil.copytree(media_root, target / MEDIA_FOLDER)
            media_files = [path for path in (target / MEDIA_FOLDER).rglob("*") if path.is_file()]
        else:
            (target / MEDIA_FOLDER).mkdir()

        manifest = {
            "format": BACKUP_FORMAT,
            "created": timezone.now().isoformat(),
            "django": django.get_version(),
            "wagtail": wagtail.__version__,
            "database_vendor": connection.vendor,
            "migrations": applied_migrations(),
            "objects": dict(sorted(objects.items())),
            "media_files": len(media_files),
            "media_bytes": sum(path.stat().st_size for path in media_files),
        }
        (target / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n")
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup complete: {sum(objects.values())} database objects, {len(media_files)} media files "
                f"({manifest['media_bytes']} bytes) in {target}."
            )
        )
