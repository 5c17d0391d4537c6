"""The seed loader puts every health fact of the seed document on the site, exactly once."""

import html as html_module
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from netportal.core.models import CustomImage
from netportal.governance.models import ReviewRecord
from tests.factories import StaffUserFactory
from treatments import content
from treatments.models import ConditionPage, InformationPage, TreatmentApproval, TreatmentIndexPage, TreatmentPage

pytestmark = pytest.mark.django_db

# The seed's health sentences, as visitors read them (the NET paragraph is split into sections).
SEED_SENTENCES = [
    "Neuroendocrine tumors (NETs) are rare cancers found in only about 2% of all individuals diagnosed with cancer "
    "each year.",
    "There are many varieties, with carcinoid being the most common one.",
    "NETs often release certain hormone-like substances into the bloodstream.",
    "Most cancers cause symptoms only in the organs they start in or spread to but carcinoid can cause symptoms "
    "throughout the body.",
    "NETs may appear almost anywhere, but they are most often found in the abdominal region, pancreas and lungs.",
    "Because symptoms resemble those of other diseases, such as irritable bowel syndrome and Crohn\u2019s disease, "
    "they are often misdiagnosed for years.",
    "However, advances in treatment have improved the length of survival in carcinoids and other NETs.",
    "The first type of Peptide Receptor Radionuclide Therapy (PRRT) approved by the U.S. FDA and the European EMA "
    "is Lutathera® (177Lutetium 177Lu-DOTATATE).",
    "This series of three pictures illustrates in a very simple way the efficacy of such a treatment in "
    "neuroendocrine tumor (NET) patients (pancreatic cancer).",
    "The Lutetium-177 somatostatin analogue used in this patient has been obtained from the EMA under the brand "
    "name Lutathera.",
    "Courtesy of Prof. Dr. Richard P. Baum, Zentralklinik Bad Berka, Germany",
    "Cure of liver metastases from neuroendocrine pancreatic cancer using intra-arterial peptide receptor "
    "Radionuclide therapy (PRRNT) shown here before treatment (on the left), one year after application of three "
    "cycles of Yttrium-90 somatostatin analogue (middle) and more than 5 years after the first image following the "
    "administration of an additional single systemic course of Lutetium-177 somatostatin analogue.",
    "Neuroendocrine Tumors: Introduction",
    "Pancreatic Neuroendocrine Tumors Treatment (PDQ®)\u2013Patient Version",
    "CUP enables patients with life-threatening diseases, such as advanced cancer, to resort to experimental "
    "treatments when standard anti-cancer solutions and access to clinical trials are not an option.",
    "Access to CUP programs depends on local regulations and can vary from one treatment to another.",
    "Ask your referring physicians for more information regarding CUP.",
]


@pytest.fixture
def loaded(home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    reports = []
    content.load(home_page, reports.append)
    return reports


def health_pages_html(client):
    pages = [
        ConditionPage.objects.get(locale__language_code="en"),
        TreatmentIndexPage.objects.get(locale__language_code="en"),
        TreatmentPage.objects.get(locale__language_code="en"),
        InformationPage.objects.get(locale__language_code="en"),
    ]
    return "\n".join(client.get(page.url).content.decode() for page in pages)


def test_loading_twice_creates_each_page_image_and_approval_once(home_page, loaded):
    second_run = []
    content.load(home_page, second_run.append)
    assert second_run == []
    assert ConditionPage.objects.count() == 1
    assert TreatmentIndexPage.objects.count() == 1
    assert TreatmentPage.objects.count() == 1
    assert InformationPage.objects.count() == 1
    assert CustomImage.objects.count() == 3
    assert TreatmentApproval.objects.count() == 2
    assert len(loaded) == 4 + 3 + 1 + 3  # pages, placeholder images, home page listing, sent for review
    assert WorkflowState.objects.count() == 3
    assert not ReviewRecord.objects.exists()


def test_every_seed_sentence_is_on_the_site_exactly_once_after_two_loads(client, home_page, loaded):
    content.load(home_page, lambda message: None)
    text = visible_text(health_pages_html(client))
    counts = {sentence: text.count(sentence) for sentence in SEED_SENTENCES}
    assert counts == dict.fromkeys(SEED_SENTENCES, 1)


def test_the_page_tree_follows_the_design(home_page, loaded):
    condition = ConditionPage.objects.get(locale__language_code="en")
    index = TreatmentIndexPage.objects.get(locale__language_code="en")
    assert condition.get_parent().specific == home_page
    assert index.get_parent().specific == home_page
    assert TreatmentPage.objects.get(locale__language_code="en").get_parent().specific == index
    assert InformationPage.objects.get(locale__language_code="en").get_parent().specific == index
    for page in (condition, index):
        assert page.show_in_menus
        assert page.search_description
        assert page.live


def test_prrt_approvals_name_agency_and_product_but_invent_no_year_or_indication(loaded):
    approvals = list(TreatmentPage.objects.get(locale__language_code="en").approvals.all())
    assert [approval.agency for approval in approvals] == [
        "U.S. Food and Drug Administration (FDA)",
        "European Medicines Agency (EMA)",
    ]
    for approval in approvals:
        assert "Lutathera" in approval.product
        assert approval.year is None
        assert approval.indication == ""
        assert approval.source_url == ""
    page = TreatmentPage.objects.get(locale__language_code="en")
    assert page.brand_names == "Lutathera®"
    assert "177Lu-DOTATATE" in page.active_substance


def test_health_pages_are_live_but_unreviewed_and_await_medical_review(home_page, loaded):
    content.load(home_page, lambda message: None)
    for model in (ConditionPage, TreatmentPage, InformationPage):
        page = model.objects.get()
        assert page.live
        assert (page.last_reviewed, page.next_review_due, page.reviewed_by, page.reviewer_role) == (None, None, "", "")
        [state] = WorkflowState.objects.for_instance(page)
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == "Medical review"
    assert not ReviewRecord.objects.exists()


def test_a_reviewer_finds_the_loaded_pages_awaiting_review(client, loaded):
    reviewer = StaffUserFactory(username="reviewer", group_name="Medical reviewers")
    client.force_login(reviewer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in html
    for model in (ConditionPage, TreatmentPage, InformationPage):
        assert model.objects.get().title in html


def test_placeholder_images_say_they_are_placeholders_and_carry_the_credit(client, loaded):
    images = list(CustomImage.objects.order_by("title"))
    captions = [image.caption for image in images]
    assert captions[0].startswith("Before treatment")
    assert captions[1].startswith("One year after three cycles of Yttrium-90 somatostatin analogue")
    assert captions[2].startswith(
        "More than 5 years after the first image, following an additional single systemic course of "
        "Lutetium-177 somatostatin analogue"
    )
    for image in images:
        assert image.is_placeholder
        assert "placeholder" in image.alt_text.lower()
        assert "placeholder" in image.caption.lower()
        assert image.credit == content.IMAGE_CREDIT
        assert (image.width, image.height) == (1200, 800)
    html = client.get(TreatmentPage.objects.get(locale__language_code="en").url).content.decode()
    assert "Placeholder for picture" not in html  # visitors never see them (tests/treatments/test_placeholders.py)


def test_external_resources_keep_a_url_only_where_it_was_confirmed(loaded):
    block = next(
        block
        for block in ConditionPage.objects.get(locale__language_code="en").body
        if block.block_type == "external_resources"
    )
    resources = {resource["publisher"]: resource for resource in block.value["resources"]}
    assert resources["Cancer.Net"]["url"] == "https://www.cancer.net/cancer-types/neuroendocrine-tumors/introduction"
    assert resources["National Cancer Institute"]["url"] == ""


def test_compassionate_use_advice_opens_its_questions_to_ask_block_with_no_invented_questions(loaded):
    body = InformationPage.objects.get(locale__language_code="en").body
    blocks = [block for block in body if block.block_type == "questions_to_ask"]
    assert len(blocks) == 1
    assert "Ask your referring physicians" in blocks[0].value["introduction"].source
    assert list(blocks[0].value["questions"]) == []
    assert not [block for block in body if block.block_type == "callout"]


def test_no_other_demo_health_page_has_questions_to_ask(loaded):
    for model in (ConditionPage, TreatmentPage):
        assert not [block for block in model.objects.get().body if block.block_type == "questions_to_ask"]


def test_home_page_has_one_recently_reviewed_list_which_claims_no_review(client, home_page, loaded):
    content.load(home_page, lambda message: None)
    home_page.refresh_from_db()
    assert [block.block_type for block in home_page.body].count("latest_reviewed_pages") == 1
    html = client.get("/").content.decode()
    assert "Recently reviewed health information" in html
    assert "No health page has been medically reviewed yet." in html
    assert "reviewed " + timezone.localdate().strftime("%-d %B %Y") not in html


# A verbatim copy of the source document (shared/seed/000_073fb3d7a7d3985b.txt), kept with the tests.
SEED_FILE = Path(__file__).resolve().parents[1] / "data" / "seed.txt"
DIRECTORY_LINE = re.compile(r"^(Europe|North America|Asia & Asia Pacific|South America|Worldwide):")
# A sentence ends at a full stop followed by a capital, except after these abbreviations.
ABBREVIATIONS = ("U.S.", "Prof.", "Dr.", "P.")


def seed_sentences(text):
    """Every full sentence of the seed outside the association directory, plus the image credit."""
    sentences = []
    for paragraph in text.split("\n"):
        paragraph = " ".join(paragraph.split())
        if not paragraph or DIRECTORY_LINE.match(paragraph) or not paragraph.endswith("."):
            continue  # blank, the directory (tested in tests/organizations), or a title
        if credit := re.match(r"^\((Courtesy of [^)]+)\)\s*", paragraph):
            sentences.append(credit[1])
            paragraph = paragraph[credit.end() :]
        current = ""
        for word in paragraph.split(" "):
            current = f"{current} {word}".strip()
            if word.endswith(".") and not word.endswith(ABBREVIATIONS):
                sentences.append(current)
                current = ""
        if current:
            sentences.append(current)
    return sentences


def visible_text(html):
    html = re.sub(r"</?sup>", "", html)  # isotope mass numbers (<sup>177</sup>Lu) read as one word
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join(html_module.unescape(text).split())


def test_every_sentence_of_the_seed_document_is_on_the_site_exactly_once(client, home_page, loaded):
    sentences = seed_sentences(SEED_FILE.read_text(encoding="utf-8"))
    assert len(sentences) == 15
    text = visible_text(health_pages_html(client))
    counts = {sentence: text.count(sentence) for sentence in sentences}
    assert counts == dict.fromkeys(sentences, 1)


def test_the_seed_document_titles_are_on_the_site(client, home_page, loaded):
    text = visible_text(health_pages_html(client))
    for title in ("Compassionate Use Program (CUP)", "Neuroendocrine Tumors: Introduction", "Cancer.Net"):
        assert title in text
    assert "Pancreatic Neuroendocrine Tumors Treatment (PDQ®)–Patient Version" in text  # noqa: RUF001
    assert "National Cancer Institute" in text


def test_isotopes_render_with_superscript_mass_numbers(client, loaded):
    html = client.get(TreatmentPage.objects.get(locale__language_code="en").url).content.decode()
    assert "Lutathera® (<sup>177</sup>Lutetium <sup>177</sup>Lu-DOTATATE)." in html
    assert "<dd><sup>177</sup>Lutetium <sup>177</sup>Lu-DOTATATE</dd>" in html
    assert "177Lu" not in re.sub(r"<[^>]+>", " ", html.split("</main>")[0].split('id="main"')[1])


def test_the_compassionate_use_page_first_says_what_cup_means_here(client, loaded):
    html = client.get(InformationPage.objects.get(locale__language_code="en").url).content.decode()
    lead = re.search(r'<p class="lead">(.*?)</p>', html, re.S)[1]
    assert lead.startswith("On this site CUP means a compassionate use programme, not")
    assert "cancer of unknown primary" in lead


def test_the_treatments_section_states_its_scope(client, loaded):
    text = visible_text(client.get(TreatmentIndexPage.objects.get(locale__language_code="en").url).content.decode())
    assert "This section covers peptide receptor radionuclide therapy (PRRT)" in text
    assert "Other treatments for neuroendocrine tumours exist; your care team can discuss them with you." in text
