"""Visitors suggest corrections and new associations; directory managers accept or reject them."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from netportal.governance.models import Suggestion
from netportal.governance.suggestions import SUGGESTIONS_PER_HOUR
from tests.factories import AssociationFactory, SuggestionFactory
from tests.governance.conftest import client_for

# These tests own Redis database 6.
REDIS_TEST_URL = "redis://127.0.0.1:6379/6"

CACHE_BACKENDS = {
    "local-memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "governance-test"},
    "redis": {
        "BACKEND": "netportal.caching.backends.ResilientRedisCache",
        "LOCATION": REDIS_TEST_URL,
        "KEY_PREFIX": "governance-test",
    },
}

NEW_ASSOCIATION_URL = "/suggest/association/"
THANKS_URL = "/suggest/thank-you/"


def correction_url(association):
    return f"/suggest/correction/{association.slug}/"


def correction(**changes):
    return {"message": "The website moved to a new address.", "website": "https://example.org/new", **changes}


def new_association(**changes):
    return {"name": "Example NET patient group", "country": "Ireland", "message": "", **changes}


@pytest.fixture
def association(directory_page):
    return AssociationFactory(name="Example association", slug="example-association", website="https://example.org/")


@pytest.fixture(params=["local-memory", pytest.param("redis", marks=pytest.mark.redis)])
def rate_limit_cache(request, settings):
    """The cache that counts submissions: local memory, then the real Redis at 127.0.0.1:6379."""
    settings.CACHES = {"default": CACHE_BACKENDS[request.param], "content": settings.CACHES["content"]}
    cache.clear()
    if request.param == "redis":
        # ResilientRedisCache hides a missing Redis; these tests must not pass without one.
        cache.set("governance-test-probe", "here")
        assert cache.get("governance-test-probe") == "here", "Redis at 127.0.0.1:6379 is not answering"
    yield request.param
    cache.clear()


# --- the public forms ---


def test_association_page_links_to_its_correction_form(client, directory_page, association):
    html = client.get(f"{directory_page.url}{association.slug}/").content.decode()
    assert f'href="{correction_url(association)}"' in html


def test_directory_page_links_to_the_new_association_form(client, directory_page):
    assert f'href="{NEW_ASSOCIATION_URL}"' in client.get(directory_page.url).content.decode()


def test_correction_form_works_without_javascript(client, association):
    response = client.get(correction_url(association))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'method="post"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="homepage"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Example association" in html


def test_valid_correction_is_stored_for_the_association_and_thanked_plainly(client, association):
    response = client.post(correction_url(association), correction(contact_email="visitor@example.net"))
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    suggestion = Suggestion.objects.get()
    assert suggestion.kind == Suggestion.Kind.CORRECTION
    assert suggestion.association == association
    assert suggestion.website == "https://example.org/new"
    assert suggestion.contact_email == "visitor@example.net"
    assert suggestion.status == Suggestion.Status.NEW
    thanks = client.get(THANKS_URL)
    assert thanks.status_code == 200
    assert "We received your suggestion" in thanks.content.decode()


def test_valid_new_association_suggestion_is_stored(client, directory_page):
    response = client.post(NEW_ASSOCIATION_URL, new_association(website="https://example.ie/"))
    assert response["Location"] == THANKS_URL
    suggestion = Suggestion.objects.get()
    assert suggestion.kind == Suggestion.Kind.NEW
    assert suggestion.association is None
    assert suggestion.name == "Example NET patient group"


def test_suggestions_send_no_email_without_email_settings(client, association):
    client.post(correction_url(association), correction())
    assert mail.outbox == []


def test_filled_honeypot_is_thanked_but_not_stored(client, association):
    response = client.post(correction_url(association), correction(homepage="https://spam.example/"))
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert not Suggestion.objects.exists()


def test_too_long_message_is_refused_and_not_stored(client, association):
    response = client.post(correction_url(association), correction(message="x" * 2001))
    assert response.status_code == 200
    assert "Ensure this value has at most 2000 characters" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_too_long_association_name_is_refused_and_not_stored(client, directory_page):
    response = client.post(NEW_ASSOCIATION_URL, new_association(name="N" * 256))
    assert response.status_code == 200
    assert "at most 255 characters" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_empty_correction_asks_for_a_message(client, association):
    response = client.post(correction_url(association), correction(message=""))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Suggestion.objects.exists()


def test_submission_without_csrf_token_is_refused(association):
    response = Client(enforce_csrf_checks=True).post(correction_url(association), correction())
    assert response.status_code == 403
    assert not Suggestion.objects.exists()


def test_no_correction_form_for_an_unpublished_association(client, directory_page):
    draft = AssociationFactory(live=False)
    assert client.get(correction_url(draft)).status_code == 404


def test_rate_limit_answers_429_with_a_message_and_stores_nothing(client, association, rate_limit_cache):
    for _ in range(SUGGESTIONS_PER_HOUR):
        assert client.post(correction_url(association), correction()).status_code == 302
    response = client.post(NEW_ASSOCIATION_URL, new_association())
    assert response.status_code == 429
    assert "Too many suggestions were sent from your network" in response.content.decode()
    assert response["Retry-After"] == "3600"
    assert Suggestion.objects.count() == SUGGESTIONS_PER_HOUR
    assert not Suggestion.objects.filter(kind=Suggestion.Kind.NEW).exists()


def test_rate_limit_counts_each_address_separately(client, association, rate_limit_cache):
    for _ in range(SUGGESTIONS_PER_HOUR + 1):
        client.post(correction_url(association), correction(), REMOTE_ADDR="192.0.2.1")
    response = client.post(correction_url(association), correction(), REMOTE_ADDR="192.0.2.2")
    assert response.status_code == 302
    assert Suggestion.objects.count() == SUGGESTIONS_PER_HOUR + 1


def test_behind_a_proxy_each_visitor_has_an_allowance_of_their_own(client, association, rate_limit_cache, settings):
    """Finding 3: every visitor arrives from the proxy's address; 5 posts must not close the forms for all."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(SUGGESTIONS_PER_HOUR + 1):
        client.post(correction_url(association), correction(), HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    response = client.post(correction_url(association), correction(), HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy)
    assert response.status_code == 302
    assert Suggestion.objects.count() == SUGGESTIONS_PER_HOUR + 1


def test_rotating_forwarded_for_does_not_escape_the_rate_limit(client, association, rate_limit_cache, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = [
        client.post(
            correction_url(association),
            correction(),
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.9",
        ).status_code
        for number in range(SUGGESTIONS_PER_HOUR + 3)
    ]
    assert statuses.count(429) == 3
    settings.TRUSTED_PROXY_COUNT = 0  # no proxy: the header is ignored altogether
    rotated = client.post(correction_url(association), correction(), HTTP_X_FORWARDED_FOR="192.0.2.250")
    for number in range(SUGGESTIONS_PER_HOUR):
        rotated = client.post(correction_url(association), correction(), HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert rotated.status_code == 429


# --- reviewing suggestions in the admin ---


def test_directory_managers_filter_suggestions_by_status(client, directory_manager):
    SuggestionFactory(name="Waiting suggestion")
    SuggestionFactory(name="Rejected suggestion", status=Suggestion.Status.REJECTED)
    client_for(client, directory_manager)
    html = client.get("/admin/snippets/governance/suggestion/", {"status": "new"}).content.decode()
    assert "Waiting suggestion" in html
    assert "Rejected suggestion" not in html


def test_accepting_a_correction_opens_the_association_with_the_suggested_details(
    client, directory_manager, association
):
    suggestion = SuggestionFactory(
        kind=Suggestion.Kind.CORRECTION,
        association=association,
        name=association.name,
        website="https://example.org/moved",
        message="The website moved.",
    )
    client_for(client, directory_manager)
    accept_url = reverse("governance_admin:accept_suggestion", args=[suggestion.pk])
    assert "The website moved." in client.get(accept_url).content.decode()

    response = client.post(accept_url)
    edit_url = reverse("wagtailsnippets_organizations_association:edit", args=[association.pk])
    assert response["Location"] == f"{edit_url}?suggestion={suggestion.pk}"
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED

    edit_view = client.get(response["Location"])
    assert edit_view.context["form"].initial["website"] == "https://example.org/moved"
    assert edit_view.context["form"].initial["name"] == "Example association"
    assert "The website moved." in edit_view.content.decode()
    association.refresh_from_db()
    assert association.website == "https://example.org/"  # nothing changes until staff save


def test_accepting_a_new_association_opens_a_filled_in_create_form(client, directory_manager):
    suggestion = SuggestionFactory(name="Example NET patient group", country="Ireland", website="https://example.ie/")
    client_for(client, directory_manager)
    response = client.post(reverse("governance_admin:accept_suggestion", args=[suggestion.pk]))
    add_url = reverse("wagtailsnippets_organizations_association:add")
    assert response["Location"] == f"{add_url}?suggestion={suggestion.pk}"
    initial = client.get(response["Location"]).context["form"].initial
    assert initial["name"] == "Example NET patient group"
    assert initial["slug"] == "example-net-patient-group"
    assert initial["country"] == "IE"
    assert initial["website"] == "https://example.ie/"


def test_rejecting_a_suggestion_changes_nothing_in_the_directory(client, directory_manager, association):
    suggestion = SuggestionFactory(
        kind=Suggestion.Kind.CORRECTION, association=association, website="https://x.example/"
    )
    client_for(client, directory_manager)
    response = client.post(reverse("governance_admin:reject_suggestion", args=[suggestion.pk]))
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.REJECTED
    association.refresh_from_db()
    assert association.website == "https://example.org/"


def test_suggestion_listing_offers_accept_and_reject_for_new_suggestions(client, directory_manager):
    suggestion = SuggestionFactory()
    html = client_for(client, directory_manager).get("/admin/snippets/governance/suggestion/").content.decode()
    assert reverse("governance_admin:accept_suggestion", args=[suggestion.pk]) in html
    assert reverse("governance_admin:reject_suggestion", args=[suggestion.pk]) in html


def test_directory_managers_read_a_suggestion_in_full(client, directory_manager):
    suggestion = SuggestionFactory(message="The association merged with another one.", contact_email="v@example.net")
    client_for(client, directory_manager)
    response = client.get(reverse("wagtailsnippets_governance_suggestion:inspect", args=[suggestion.pk]))
    assert response.status_code == 200
    assert "The association merged with another one." in response.content.decode()


def test_editors_cannot_accept_suggestions(client, editor):
    suggestion = SuggestionFactory()
    response = client_for(client, editor).post(reverse("governance_admin:accept_suggestion", args=[suggestion.pk]))
    assert response.status_code in (302, 403)
    assert "suggestion=" not in response.get("Location", "")
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.NEW
