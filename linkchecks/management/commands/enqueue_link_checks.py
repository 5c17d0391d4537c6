"""Enqueue a full link check for the tasks worker; run it from cron, e.g. once a day."""

from django.core.management.base import BaseCommand

from linkchecks.tasks import check_all_links


class Command(BaseCommand):
    help = (
        "Enqueue a check of every association website and every external link in published health pages. "
        "The tasks worker (manage.py db_worker --backend linkchecks) runs it."
    )

    def handle(self, *args, **options):
        result = check_all_links.enqueue()
        self.stdout.write(f"Link check enqueued as task {result.id}.")
