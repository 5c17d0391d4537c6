"""The background task: check every external address and record the outcome.

Enqueued by `manage.py enqueue_link_checks` (from cron); run by the tasks worker
(`manage.py db_worker --backend linkchecks`, from django-tasks-db).
"""

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from . import checker, collect
from .models import CheckedLink, LinkUse

# The TASKS alias of the database queue (settings/base.py).
BACKEND = "linkchecks"


def record(found, results, now=None):
    """Store `results` ({url: CheckResult}) for the addresses `found` ({url: uses}); forget the rest."""
    now = now or timezone.now()
    with transaction.atomic():
        CheckedLink.objects.exclude(url__in=list(found)).delete()
        for url, uses in found.items():
            link, _created = CheckedLink.objects.get_or_create(url=url)
            link.record(results[url], now)
            link.save()
            link.uses.all().delete()
            LinkUse.objects.bulk_create(
                [
                    LinkUse(link=link, kind=kind, object_id=object_id, title=title[:500])
                    for kind, object_id, title in uses
                ]
            )


def run_full_check(timeout=None, now=None):
    """Check every address the site links to; returns how many were checked and how many failed."""
    found = collect.links()
    results = checker.check_many(list(found), timeout=timeout)
    record(found, results, now=now)
    return {"checked": len(results), "failed": sum(1 for result in results.values() if not result.ok)}


@task(backend=BACKEND)
def check_all_links():
    return run_full_check()
