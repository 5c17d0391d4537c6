"""Two gunicorn instances share PostgreSQL and Redis: what one publishes or unpublishes, the other
serves at once, and so do changes made by management commands (cron's publish_scheduled).

Each instance has its own processes and memory, as two machines behind a load balancer would.
"""

import pytest
import requests

from .conftest import NEEDS_POSTGRES, admin_post, log_in, manage, server_environment

pytestmark = [NEEDS_POSTGRES, pytest.mark.redis, pytest.mark.scale_out]


def association_path(shared_site):
    return f"/patient-associations/{shared_site['slug']}/"


def warm(instance, path):
    """Visit until the instance answers from its page cache."""
    requests.get(instance.url + path, timeout=30)
    response = requests.get(instance.url + path, timeout=30)
    assert response.headers["X-Cache"] == "hit", response.headers
    return response


def test_unpublishing_through_one_instance_is_never_served_stale_by_the_other(shared_site, gunicorn_pair):
    first, second = gunicorn_pair
    path = association_path(shared_site)
    warm(first, path)
    assert shared_site["name"] in warm(second, path).text
    assert shared_site["name"] in warm(second, "/patient-associations/?q=USA").text

    editor = log_in(requests.Session(), first.url)
    admin_post(editor, first.url, f"/admin/snippets/organizations/association/unpublish/{shared_site['pk']}/")

    assert requests.get(second.url + path, timeout=30).status_code == 404
    assert requests.get(first.url + path, timeout=30).status_code == 404
    assert shared_site["name"] not in requests.get(second.url + "/patient-associations/?q=USA", timeout=30).text

    # cron publishes a scheduled revision: a third process, yet both instances serve it at once.
    script = (
        "import datetime; from django.utils import timezone; from organizations.models import Association; "
        f"a = Association.objects.get(pk={shared_site['pk']}); r = a.save_revision(); "
        "r.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1); r.save()"
    )
    manage("shell", "-c", script)
    assert requests.get(second.url + path, timeout=30).status_code == 404  # scheduled, not yet live
    manage("publish_scheduled", environment=server_environment())
    for instance in (first, second):
        response = requests.get(instance.url + path, timeout=30)
        assert response.status_code == 200
        assert shared_site["name"] in response.text


def test_a_logged_in_editor_is_never_served_a_stored_page(shared_site, gunicorn_pair):
    _first, second = gunicorn_pair
    warm(second, "/")
    editor = log_in(requests.Session(), second.url)
    response = editor.get(second.url + "/", timeout=30)
    assert response.headers["X-Cache"] == "bypass"
    assert "wagtail-userbar" in response.text
    assert "private" in response.headers["Cache-Control"]
