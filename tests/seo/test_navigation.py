"""Finding the way around: main menu, breadcrumbs, related pages and previous/next in treatments."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import InformationPageFactory, StandardPageFactory, TreatmentPageFactory
from treatments.models import ConditionPage, InformationPage, TreatmentPage

pytestmark = pytest.mark.django_db


def section(html, css_class):
    match = re.search(rf'<nav class="{css_class}"[^>]*>(.*?)</nav>', html, re.DOTALL)
    return match.group(1) if match else ""


def link_texts(html):
    return [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r"<a [^>]*>(.*?)</a>", html, re.DOTALL)]


def choose_related(page, *related):
    page.related_pages = [("page", other) for other in related]
    page.save_revision().publish()


def test_main_menu_lists_the_pages_shown_in_menus(client, health_pages, home_page):
    StandardPageFactory(parent=home_page, title="About this portal", show_in_menus=True)
    StandardPageFactory(parent=home_page, title="Privacy", show_in_menus=False)
    health_pages["condition"].show_in_menus = True
    health_pages["condition"].save_revision().publish()
    menu = link_texts(section(client.get("/").text, "primary-nav"))
    assert "About this portal" in menu
    assert "Neuroendocrine tumours" in menu
    assert "Privacy" not in menu


def test_main_menu_marks_the_section_the_visitor_is_in(client, health_pages):
    health_pages["index"].show_in_menus = True
    health_pages["index"].save_revision().publish()
    html = client.get(health_pages["prrt"].url).text
    assert '<a href="/treatments/" aria-current="true">Treatments</a>' in section(html, "primary-nav")


def test_breadcrumbs_lead_from_home_to_the_page(client, health_pages):
    crumbs = section(client.get(health_pages["prrt"].url).text, "breadcrumbs wrapper")
    assert link_texts(crumbs) == ["Home", "Treatments"]
    assert '<li aria-current="page">PRRT</li>' in crumbs


def test_related_pages_chosen_by_editors_are_shown_in_their_order(client, health_pages):
    choose_related(health_pages["condition"], health_pages["cup"], health_pages["prrt"])
    related = section(client.get(health_pages["condition"].url).text, "related-pages")
    assert link_texts(related) == ["Compassionate use programme", "PRRT"]
    assert 'href="/treatments/compassionate-use/"' in related


def test_related_pages_leave_out_unpublished_and_private_pages(client, health_pages, draft_page, home_page):
    private = StandardPageFactory(parent=home_page, title="Staff rota")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    choose_related(health_pages["prrt"], draft_page, private, health_pages["condition"])
    health_pages["cup"].unpublish()
    related = section(client.get(health_pages["prrt"].url).text, "related-pages")
    assert link_texts(related) == ["Neuroendocrine tumours"]


def test_no_related_pages_section_when_none_are_chosen(client, health_pages):
    assert 'id="related-pages"' not in client.get(health_pages["condition"].url).text


def test_related_pages_are_editable_on_every_health_page_type():
    for model in (ConditionPage, InformationPage, TreatmentPage):
        fields = [panel.field_name for panel in model.content_panels if hasattr(panel, "field_name")]
        assert "related_pages" in fields, model


def test_treatment_pages_link_to_the_previous_and_next_in_the_treatments_section(client, health_pages):
    later = TreatmentPageFactory(parent=health_pages["index"], title="Somatostatin analogues", slug="ssa")
    html = client.get(health_pages["cup"].url).text
    navigation = section(html, "previous-next")
    assert 'href="/treatments/prrt/" rel="prev"' in navigation
    assert f'href="{later.url}" rel="next"' in navigation


def test_the_first_treatment_has_no_previous_link(client, health_pages):
    navigation = section(client.get(health_pages["prrt"].url).text, "previous-next")
    assert 'rel="prev"' not in navigation
    assert 'href="/treatments/compassionate-use/" rel="next"' in navigation


def test_previous_and_next_skip_unpublished_pages(client, health_pages):
    health_pages["cup"].unpublish()
    last = TreatmentPageFactory(parent=health_pages["index"], title="Surgery", slug="surgery")
    navigation = section(client.get(health_pages["prrt"].url).text, "previous-next")
    assert f'href="{last.url}" rel="next"' in navigation
    assert "compassionate-use" not in navigation


def test_condition_pages_and_their_information_pages_have_no_previous_next(client, health_pages):
    below_condition = InformationPageFactory(parent=health_pages["condition"], title="Living with NETs")
    InformationPageFactory(parent=health_pages["condition"], title="Diet")
    assert 'class="previous-next"' not in client.get(health_pages["condition"].url).text
    assert 'class="previous-next"' not in client.get(below_condition.url).text


def queries_for(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context.captured_queries)


def test_related_pages_and_previous_next_add_one_query_each(client, health_pages):
    prrt = health_pages["prrt"]
    condition = health_pages["condition"]
    without_related = queries_for(client, prrt.url)
    choose_related(prrt, condition, health_pages["cup"])
    with_two = queries_for(client, prrt.url)
    TreatmentPageFactory.create_batch(5, parent=health_pages["index"])
    more_pages = [StandardPageFactory(parent=condition.get_parent()) for _number in range(4)]
    choose_related(prrt, condition, health_pages["cup"], *more_pages)
    assert queries_for(client, prrt.url) == with_two == without_related + 1


def test_previous_and_next_load_only_the_two_neighbours_however_long_the_section(health_pages):
    from django.db.models.signals import post_init
    from wagtail.models import Page

    for number in range(30):
        TreatmentPageFactory(parent=health_pages["index"], title=f"Treatment {number}", slug=f"treatment-{number}")
    middle = TreatmentPage.objects.get(slug="treatment-15")
    loaded = []

    def count(sender, instance, **kwargs):
        loaded.append(instance)

    post_init.connect(count, sender=Page)
    try:
        with CaptureQueriesContext(connection) as queries:
            previous, following = middle.previous_and_next
    finally:
        post_init.disconnect(count, sender=Page)
    assert (previous.slug, following.slug) == ("treatment-14", "treatment-16")
    assert len(queries) == 1 and len(loaded) == 2
