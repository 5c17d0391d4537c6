"""Restore a backup made by backup_portal: the database content replaces what is there, media is copied back."""

import json
import shutil
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import DEFAULT_DB_ALIAS, transaction

from .backup_portal import BACKUP_FORMAT, DATABASE_FILE, MANIFEST_FILE, MEDIA_FOLDER


class Command(BaseCommand):
    help = (
        "Replace the database content with the backup in DIR (made by backup_portal) and copy its media "
        "files into MEDIA_ROOT. Migrates first and rebuilds the search index afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a folder written by backup_portal")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, directory, interactive, **options):
        source = Path(directory)
        manifest = self.read_manifest(source)
        self.stdout.write(
            f"Backup of {manifest['created']} (Django {manifest['django']}, Wagtail {manifest['wagtail']}): "
            f"{sum(manifest['objects'].values())} database objects, {manifest['media_files']} media files."
        )
        if interactive:
            answer = input("This replaces every page, image, document, association and user. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")

        self.stdout.write("Bringing the database schema up to date…")
        call_command("migrate", interactive=False, verbosity=0)

        self.stdout.write("Replacing the database content…")
        # One transaction: if loading fails, the content that was there stays.
        with transaction.atomic():
            # Content types come from the backup with their ids, so none are created in between.
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", str(source / DATABASE_FILE), verbosity=0)
            ContentType.objects.clear_cache()
            # Content types and permissions of models newer than the backup.
            emit_post_migrate_signal(verbosity=0, interactive=False, db=DEFAULT_DB_ALIAS)

        media_root = Path(settings.MEDIA_ROOT)
        self.stdout.write(f"Copying media into {media_root}…")
        media_root.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source / MEDIA_FOLDER, media_root, dirs_exist_ok=True)

        self.stdout.write("Rebuilding the search index…")
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Restore complete from {source}."))

    def read_manifest(self, source):
        manifest_path = source / MANIFEST_FILE
        if not manifest_path.is_file() or not (source / DATABASE_FILE).is_file():
            raise CommandError(f"{source} is not a portal backup: {MANIFEST_FILE} or {DATABASE_FILE} is missing.")
        try:
            manifest = json.loads(manifest_path.read_text())
        except ValueError as error:
            raise CommandError(f"{manifest_path} is not valid JSON ({error}).") from None
        if manifest.get("format") != BACKUP_FORMAT:
            raise CommandError(
                f"{source} has backup format {manifest.get('format')!r}; this version reads format {BACKUP_FORMAT}."
            )
        return manifest
