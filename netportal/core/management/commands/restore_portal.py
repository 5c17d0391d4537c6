"""Restore a backup made by backup_portal: the database content replaces what is there, media is copied back."""

import json
import shutil
import stat
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, transaction

from .backup_portal import BACKUP_FORMAT, DATABASE_FILE, MANIFEST_FILE, MEDIA_FOLDER, code_migrations

SHOWN_DIFFERENCES = 5


class Command(BaseCommand):
    help = (
        "Replace the whole database content with the backup in DIR (made by backup_portal), in one "
        "transaction, and copy its media files into MEDIA_ROOT. Asks first unless --yes is given. "
        "Refuses a backup made with a different schema (other migrations) or another backup format."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a folder written by backup_portal")
        parser.add_argument(
            "--yes",
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, directory, interactive, **options):
        source = Path(directory)
        manifest = self.read_manifest(source)
        self.warn_if_readable_by_others(source)
        self.check_schema(source, manifest)
        self.stdout.write(
            f"Backup of {manifest['created']} (Django {manifest['django']}, Wagtail {manifest['wagtail']}): "
            f"{sum(manifest['objects'].values())} database objects, {manifest['media_files']} media files."
        )
        if interactive:
            answer = input(
                "This replaces every page, image, document, association and user in the database. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")

        self.stdout.write("Bringing the database schema up to date…")
        call_command("migrate", interactive=False, verbosity=0)

        self.stdout.write("Replacing the database content…")
        try:
            self.replace_content(source)
        except (DatabaseError, IntegrityError, ValueError) as error:
            raise CommandError(f"Restore failed and was rolled back; the database is as it was. ({error})") from None

        media_root = Path(settings.MEDIA_ROOT)
        self.stdout.write(f"Copying media into {media_root}…")
        media_root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source / MEDIA_FOLDER, media_root, dirs_exist_ok=True)

        self.stdout.write("Rebuilding the search index…")
        call_command("update_index", verbosity=0)
        # Every page any process stored or kept is now out of date: clearing the content cache
        # (Django's cache API; the caching app starts a new generation and purges the edge cache).
        caches["content"].clear()
        self.stdout.write(self.style.SUCCESS(f"Restore complete from {source}."))

    def replace_content(self, source):
        # One transaction: everything is replaced, or (when loading fails) nothing is.
        with transaction.atomic():
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            # The content types of the database that was there are gone; none may be served from
            # the cache (and re-created with a new id) before the backup's own are loaded.
            ContentType.objects.clear_cache()
            call_command("loaddata", str(source / DATABASE_FILE), verbosity=0)
            ContentType.objects.clear_cache()
            # Content types and permissions of models newer than the backup.
            emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)

    def read_manifest(self, source):
        manifest_path = source / MANIFEST_FILE
        if not manifest_path.is_file() or not (source / DATABASE_FILE).is_file():
            raise CommandError(f"{source} is not a portal backup: {MANIFEST_FILE} or {DATABASE_FILE} is missing.")
        try:
            manifest = json.loads(manifest_path.read_text())
        except ValueError as error:
            raise CommandError(f"{manifest_path} is not valid JSON ({error}).") from None
        if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
            found = manifest.get("format") if isinstance(manifest, dict) else None
            raise CommandError(
                f"{source} has backup format {found!r}; this version reads format {BACKUP_FORMAT}. Nothing was changed."
            )
        return manifest

    def check_schema(self, source, manifest):
        """Refuse a backup whose content belongs to another schema than this code's."""
        recorded = set(manifest.get("migrations") or [])
        expected = set(code_migrations())
        if recorded == expected:
            return
        only_backup = sorted(recorded - expected)
        only_code = sorted(expected - recorded)
        details = []
        if only_code:
            details.append(
                f"migrations this code has that the backup lacks: {', '.join(only_code[:SHOWN_DIFFERENCES])}"
            )
        if only_backup:
            details.append(f"migrations in the backup this code lacks: {', '.join(only_backup[:SHOWN_DIFFERENCES])}")
        raise CommandError(
            f"{source} was made with a different database schema ({'; '.join(details)}). "
            "Restore it with the version of the portal that made it, then upgrade. Nothing was changed."
        )

    def warn_if_readable_by_others(self, source):
        """Backups hold password hashes and e-mail addresses: say so when others can read one."""
        for path in (source, source / DATABASE_FILE, source / MANIFEST_FILE):
            mode = path.stat().st_mode
            if mode & (stat.S_IRWXG | stat.S_IRWXO):
                self.stderr.write(
                    self.style.WARNING(
                        f"Warning: {path} can be read by other users (mode {stat.S_IMODE(mode):04o}); it holds "
                        f"password hashes and e-mail addresses. Make it private: chmod -R go= {source}"
                    )
                )
