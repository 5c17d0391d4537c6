"""Back up the portal's content: every page, image, document, association, user and setting, plus media."""

import json
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
from django.utils import timezone

BACKUP_FORMAT = 1
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
]


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
        try:
            self.write_backup(target)
        except BaseException:
            # No half-written backup left behind to be mistaken for a good one.
            shutil.rmtree(target, ignore_errors=True)
            raise

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
            objects = Counter(item["model"] for item in json.load(dump))

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
