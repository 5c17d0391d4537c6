"""The printable "Questions to ask your care team" block of health pages."""

import pytest

from .conftest import section

pytestmark = pytest.mark.django_db


def questions_block(questions, heading="", introduction=""):
    return {
        "type": "questions_to_ask",
        "value": {"heading": heading, "introduction": introduction, "questions": questions},
    }


def test_the_block_lists_the_editors_questions_under_a_default_heading(client, health_page):
    health_page.body = [
        section("About", "<p>Some text.</p>"),
        questions_block(["What are the side effects?", "How long does treatment take?"]),
    ]
    health_page.save_revision().publish()

    html = client.get(health_page.url).content.decode()

    assert '<h2 class="questions-to-ask__heading">Questions to ask your care team</h2>' in html
    assert "<li>What are the side effects?</li>" in html
    assert "<li>How long does treatment take?</li>" in html
    assert '<p class="questions-to-ask__hint no-print">' in html


def test_an_empty_list_shows_only_the_introduction(client, health_page):
    health_page.body = [questions_block([], heading="Ask your doctor", introduction="<p>Ask your physician.</p>")]
    health_page.save_revision().publish()

    html = client.get(health_page.url).content.decode()

    assert '<h2 class="questions-to-ask__heading">Ask your doctor</h2>' in html
    assert "<p>Ask your physician.</p>" in html
    assert "questions-to-ask__list" not in html


def test_the_print_stylesheet_leaves_room_for_notes():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    print_css = Path(finders.find("css/print.css")).read_text(encoding="utf-8")
    assert ".questions-to-ask__notes { display: block;" in print_css
