"""Load the portal's demo content from the seed document. Safe to run any number of times."""

from django.core.management.base import BaseCommand
from django.db import transaction

from netportal.core import content as core_content
from netportal.core.registry import demo_content_loaders


class Command(BaseCommand):
    help = "Create the page tree, health pages, site settings and association directory (idempotent)."

    def handle(self, *args, **options):
        actions = []

        def report(message):
            actions.append(message)
            self.stdout.write(f"  {message}")

        self.stdout.write("Loading portal content…")
        with transaction.atomic():
            home = core_content.load_home(report)
            for _order, load in sorted(demo_content_loaders, key=lambda entry: entry[0]):
                load(home, report)
        if actions:
            self.stdout.write(self.style.SUCCESS(f"Done: {len(actions)} change(s)."))
        else:
            self.stdout.write(self.style.SUCCESS("Done: everything was already in place; nothing changed."))
