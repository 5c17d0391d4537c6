"""Load the portal's demo content from the seed document. Safe to run any number of times."""

from django.core.management.base import BaseCommand
from django.db import transaction

from glossary import content as glossary_content
from netportal.core import content as core_content
from organizations import content as directory_content
from treatments import content as treatment_content


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
            treatment_content.load(home, report)
            glossary_content.load(home, report)
            directory_content.load(home, report)
            core_content.load_standard_pages(home, report)
        if actions:
            self.stdout.write(self.style.SUCCESS(f"Done: {len(actions)} change(s)."))
        else:
            self.stdout.write(self.style.SUCCESS("Done: everything was already in place; nothing changed."))
