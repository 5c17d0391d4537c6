"""Write every association as CSV, in the format import_associations reads."""

from django.core.management.base import BaseCommand

from organizations import exchange
from organizations.models import Association


class Command(BaseCommand):
    help = "Export associations as CSV (UTF-8) to a file or standard output; import_associations reads it back."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="File to write; standard output when left out.")
        parser.add_argument(
            "--published-only", action="store_true", help="Only associations that are live on the site."
        )

    def handle(self, *args, **options):
        associations = Association.objects.select_related("region").order_by("name")
        if options["published_only"]:
            associations = associations.filter(live=True)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as stream:
                exchange.write_csv(associations, stream)
            self.stderr.write(f"Wrote {associations.count()} association(s) to {options['output']}.")
        else:
            exchange.write_csv(associations, self.stdout)
