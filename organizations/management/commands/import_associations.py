"""Import associations from a CSV file in the export format; upserts by slug, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organizations import exchange


class Command(BaseCommand):
    help = (
        "Create or update associations from a CSV file (columns as export_associations writes them). "
        "Every row is checked first; if any row is bad, nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the CSV file (UTF-8).")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report, but write nothing.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        result = exchange.read_csv(text)
        if result.errors:
            for line, message in result.errors:
                self.stderr.write(f"line {line}: {message}")
            raise CommandError(f"{len(result.errors)} problem(s) in {path}; nothing was imported.")
        self.stdout.write(f"{len(result.rows)} row(s) checked, no problems found.")
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was written.")
            return
        created = updated = 0
        total = len(result.rows)
        with transaction.atomic():
            for index, (line, values) in enumerate(result.rows, start=1):
                association, was_created = exchange.apply_row(values)
                created += was_created
                updated += not was_created
                verb = "created" if was_created else "updated"
                self.stdout.write(f"  [{index}/{total}] line {line}: {verb} “{association.name}”")
        self.stdout.write(self.style.SUCCESS(f"Done: {created} created, {updated} updated."))
