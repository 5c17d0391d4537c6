"""Import associations from a CSV file in the export format; upserts by slug, all or nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, transaction

from organizations import exchange


class Command(BaseCommand):
    help = (
        "Create or update associations from a CSV file (columns as export_associations writes them). "
        "Every row is checked first; if any row is bad, nothing is written. Rows keep their status: "
        "only rows that were live in the file are published, unless --publish is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the CSV file (UTF-8).")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, but write nothing.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish every row, also those that were drafts or scheduled in the file (or have no status).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        # The same checks for a dry run and a real import: whatever one refuses, so does the other.
        result = exchange.read_csv(text)
        if result.errors:
            for line, column, message in result.errors:
                self.stderr.write(exchange.format_error(line, column, message))
            raise CommandError(f"{len(result.errors)} problem(s) in {path}; nothing was imported.")
        self.stdout.write(f"{len(result.rows)} row(s) checked, no problems found.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        try:
            counts = self.apply(result.rows, publish=options["publish"])
        except (DatabaseError, ValidationError, ValueError) as error:
            # Whatever the checks could not foresee (a database limit, say): a message, not a traceback.
            raise CommandError(f"Import failed, nothing was imported: {error}") from None
        created, updated, drafts = counts
        self.stdout.write(
            self.style.SUCCESS(f"Done: {created} created, {updated} updated ({drafts} left unpublished).")
        )

    def apply(self, rows, publish):
        created = updated = drafts = 0
        total = len(rows)
        with transaction.atomic():
            for index, (line, values) in enumerate(rows, start=1):
                association, was_created, status = exchange.apply_row(values, publish=publish)
                created += was_created
                updated += not was_created
                drafts += status != exchange.LIVE
                verb = "created" if was_created else "updated"
                state = "published" if status == exchange.LIVE else "not published"
                self.stdout.write(f"  [{index}/{total}] line {line}: {verb} “{association.name}” ({state})")
        return created, updated, drafts
