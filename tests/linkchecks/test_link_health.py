"""Recording results: the two-failures rule, redirect proposals, what is collected, the task and its command."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from linkchecks import checker, collect, tasks
from linkchecks.models import CheckedLink, LinkUse
from tests.factories import AssociationFactory, ConditionPageFactory

pytestmark = pytest.mark.django_db

T0 = timezone.now().replace(microsecond=0)


def check_once(url, now):
    found = {url: {(LinkUse.Kind.ASSOCIATION, 1, "An association")}}
    tasks.record(found, checker.check_many([url]), now=now)
    return CheckedLink.objects.get(url=url)


def test_one_failure_is_not_yet_broken(server):
    link = check_once(server.url("/missing"), T0)
    assert link.failures_in_a_row == 1 and link.first_failure_at == T0 and not link.is_broken
    assert link.status_code == 404


def test_two_failures_within_a_day_are_not_yet_broken(server):
    check_once(server.url("/error"), T0)
    link = check_once(server.url("/error"), T0 + timedelta(hours=23))
    assert link.failures_in_a_row == 2 and not link.is_broken


def test_two_failures_a_day_apart_make_a_link_broken(server):
    check_once(server.url("/gone"), T0)
    check_once(server.url("/gone"), T0 + timedelta(hours=2))
    link = check_once(server.url("/gone"), T0 + timedelta(days=1))
    assert link.failures_in_a_row == 3 and link.is_broken and link.broken_since == T0 + timedelta(days=1)
    assert link.first_failure_at == T0


def test_a_success_clears_the_failures(server):
    url = server.url("/ok")
    link = CheckedLink.objects.create(url=url, failures_in_a_row=3, first_failure_at=T0, broken_since=T0)
    link = check_once(url, T0 + timedelta(days=2))
    assert (link.failures_in_a_row, link.first_failure_at, link.broken_since, link.status_code) == (0, None, None, 200)


def test_a_permanent_redirect_is_proposed_and_a_temporary_one_is_not(server):
    moved = check_once(server.url("/moved"), T0)
    assert moved.proposed_url == server.url("/ok") and moved.final_url == server.url("/ok")
    assert moved.failures_in_a_row == 0
    temporary = check_once(server.url("/temporary"), T0)
    assert temporary.proposed_url == "" and temporary.final_url == server.url("/ok")


def test_a_connection_refused_is_recorded_with_its_error(refused_url):
    link = check_once(refused_url, T0)
    assert link.status_code is None and link.error and link.failures_in_a_row == 1


def health_page(home_page, base, live=True):
    page = ConditionPageFactory(
        parent=home_page,
        title="Neuroendocrine tumours",
        slug=f"net-{'live' if live else 'draft'}",
        body=json.dumps(
            [
                {
                    "type": "paragraph",
                    "value": f'<p>See <a href="{base}/rich">this</a> and <a href="/about/">ours</a>.</p>',
                },
                {
                    "type": "external_resources",
                    "value": {"heading": "", "resources": [{"title": "A guide", "url": f"{base}/resource"}]},
                },
                {
                    "type": "section",
                    "value": {"heading": "More", "body": f'<p><a href="{base}/in-section">there</a></p>'},
                },
            ]
        ),
        references=json.dumps([{"type": "reference", "value": {"title": "A study", "url": f"{base}/reference"}}]),
    )
    if not live:
        page.unpublish()
    return page


def test_every_published_external_address_is_collected_with_where_it_is_used(home_page):
    page = health_page(home_page, "https://one.test")
    health_page(home_page, "https://draft.test", live=False)
    association = AssociationFactory(name="Club", website="https://club.test/")
    AssociationFactory(name="Unpublished", website="https://unpublished.test/", live=False)
    found = collect.links()
    assert found == {
        "https://club.test/": {(LinkUse.Kind.ASSOCIATION, association.pk, "Club")},
        "https://one.test/rich": {(LinkUse.Kind.PAGE, page.pk, "Neuroendocrine tumours")},
        "https://one.test/resource": {(LinkUse.Kind.PAGE, page.pk, "Neuroendocrine tumours")},
        "https://one.test/in-section": {(LinkUse.Kind.PAGE, page.pk, "Neuroendocrine tumours")},
        "https://one.test/reference": {(LinkUse.Kind.PAGE, page.pk, "Neuroendocrine tumours")},
    }


# Transactional: the worker closes connections it finds inside a transaction (close_old_connections),
# which on PostgreSQL would close the test's own.
@pytest.mark.django_db(transaction=True)
def test_the_command_enqueues_a_full_check_that_the_database_worker_runs(home_page, server):
    association = AssociationFactory(name="Club", website=server.url("/missing"))
    health_page(home_page, server.url(""))
    CheckedLink.objects.create(url="https://no-longer-linked.test/")
    out = StringIO()
    call_command("enqueue_link_checks", stdout=out)
    assert "Link check enqueued" in out.getvalue()
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert not server.requests  # nothing is checked until the worker runs
    call_command(
        "db_worker", "--backend", "linkchecks", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO()
    )
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    website = CheckedLink.objects.get(url=server.url("/missing"))
    assert website.failures_in_a_row == 1 and website.status_code == 404
    assert list(website.uses.values_list("kind", "object_id")) == [(LinkUse.Kind.ASSOCIATION, association.pk)]
    assert CheckedLink.objects.filter(url__startswith=server.url("/")).count() == 5
    assert not CheckedLink.objects.filter(url="https://no-longer-linked.test/").exists()


def test_visitors_see_a_website_that_failed_its_checks_as_before(client, home_page, server):
    from tests.factories import DirectoryPageFactory

    DirectoryPageFactory(parent=home_page)
    AssociationFactory(name="Club", slug="club", website=server.url("/gone"))
    tasks.run_full_check(now=T0)
    tasks.run_full_check(now=T0 + timedelta(days=1))
    assert CheckedLink.objects.get().is_broken
    html = client.get("/patient-associations/club/").content.decode()
    assert f'<a href="{server.url("/gone")}" rel="noopener">' in html
    # The test server's port is random and may itself contain "410", so look past the URL.
    page_text = html.replace(server.url("/gone"), "").replace(server.url("/gone").split("//")[1], "")
    assert "broken" not in page_text.lower() and "410" not in page_text
