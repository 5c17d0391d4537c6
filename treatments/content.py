"""Seed content for the health pages, taken from the seed document without adding facts.

`load` is idempotent: every page is found by its slug under its parent and every placeholder
image by its title, and only what is missing is created. Pages staff have edited are left alone.

The health pages go live unreviewed: no review date or reviewer is invented. Each is put into its
"Medical review" workflow once, so a medical reviewer finds it under "Awaiting your review".
"""

import io

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFont
from wagtail.models import WorkflowState

from netportal.core.models import CustomImage

from .models import (
    ConditionPage,
    InformationPage,
    TreatmentApproval,
    TreatmentIndexPage,
    TreatmentPage,
)

IMAGE_CREDIT = "Courtesy of Prof. Dr. Richard P. Baum, Zentralklinik Bad Berka, Germany"

NET_SECTIONS = [
    (
        "What neuroendocrine tumours are",
        "Neuroendocrine tumors (NETs) are rare cancers found in only about 2% of all individuals diagnosed "
        "with cancer each year. There are many varieties, with carcinoid being the most common one.",
    ),
    (
        "Hormone-like substances and symptoms",
        "NETs often release certain hormone-like substances into the bloodstream. Most cancers cause symptoms "
        "only in the organs they start in or spread to but carcinoid can cause symptoms throughout the body.",
    ),
    (
        "Where NETs are found",
        "NETs may appear almost anywhere, but they are most often found in the abdominal region, pancreas and lungs.",
    ),
    (
        "Misdiagnosis and outlook",
        "Because symptoms resemble those of other diseases, such as irritable bowel syndrome and Crohn\u2019s disease, "
        "they are often misdiagnosed for years. However, advances in treatment have improved the length of survival "
        "in carcinoids and other NETs.",
    ),
]

EXTERNAL_RESOURCES = [
    {
        "title": "Neuroendocrine Tumors: Introduction",
        "publisher": "Cancer.Net",
        # Confirmed against a stored copy of the page.
        "url": "https://www.cancer.net/cancer-types/neuroendocrine-tumors/introduction",
        "description": "",
    },
    {
        "title": "Pancreatic Neuroendocrine Tumors Treatment (PDQ®)\u2013Patient Version",
        "publisher": "National Cancer Institute",
        # The address could not be confirmed; staff add it once checked.
        "url": "",
        "description": "",
    },
]

PRRT_APPROVAL_SENTENCE = (
    "The first type of Peptide Receptor Radionuclide Therapy (PRRT) approved by the U.S. FDA and the European EMA "
    "is Lutathera® (177Lutetium 177Lu-DOTATATE)."
)
PRRT_APPROVALS = [
    ("U.S. Food and Drug Administration (FDA)", "Lutathera® (177Lu-DOTATATE)"),
    ("European Medicines Agency (EMA)", "Lutathera® (177Lu-DOTATATE)"),
]
IMAGE_SERIES_INTRODUCTION = (
    "This series of three pictures illustrates in a very simple way the efficacy of such a treatment in "
    "neuroendocrine tumor (NET) patients (pancreatic cancer). The Lutetium-177 somatostatin analogue used in "
    "this patient has been obtained from the EMA under the brand name Lutathera."
)
IMAGE_SERIES_CAPTION = (
    "Cure of liver metastases from neuroendocrine pancreatic cancer using intra-arterial peptide receptor "
    "Radionuclide therapy (PRRNT) shown here before treatment (on the left), one year after application of "
    "three cycles of Yttrium-90 somatostatin analogue (middle) and more than 5 years after the first image "
    "following the administration of an additional single systemic course of Lutetium-177 somatostatin analogue."
)
IMAGE_SERIES_CAUTION = (
    "These pictures show one person's result. Results differ from one person to another; "
    "ask your specialist team what treatment could mean for you."
)
PLACEHOLDER_NOTE = "Placeholder image: staff will replace it with the original picture."
SERIES_PICTURES = [
    ("before treatment", "Before treatment"),
    ("one year after three cycles", "One year after three cycles of Yttrium-90 somatostatin analogue"),
    (
        "more than 5 years after",
        "More than 5 years after the first image, following an additional single systemic course of "
        "Lutetium-177 somatostatin analogue",
    ),
]

CUP_PARAGRAPHS = [
    (
        "What the Compassionate Use Program is",
        "CUP enables patients with life-threatening diseases, such as advanced cancer, to resort to experimental "
        "treatments when standard anti-cancer solutions and access to clinical trials are not an option.",
    ),
    (
        "Access depends on where you live and on the treatment",
        "Access to CUP programs depends on local regulations and can vary from one treatment to another.",
    ),
]
CUP_ADVICE = "Ask your referring physicians for more information regarding CUP."
CUP_SUMMARY = (
    "On this site CUP means a compassionate use programme, not \u201ccancer of unknown primary\u201d. "
    "What the Compassionate Use Program (CUP) is and whom to ask about it."
)
INDEX_INTRODUCTION = (
    "This section covers peptide receptor radionuclide therapy (PRRT) and access to experimental treatments "
    "through a compassionate use programme (CUP). Other treatments for neuroendocrine tumours exist; "
    "your care team can discuss them with you."
)
# Wording earlier versions loaded, replaced unless staff changed it.
SUPERSEDED_INDEX_INTRODUCTION = (
    "Treatments for neuroendocrine tumours, and how to ask about access to experimental treatments."
)


def paragraph(text):
    return f"<p>{escape(text)}</p>"


def load(home, report):
    """Create the health pages under `home`; idempotent."""
    with transaction.atomic():
        health_pages = [load_condition_page(home, report)]
        index = load_treatment_index(home, report)
        health_pages += [load_prrt_page(index, report), load_cup_page(index, report)]
        load_home_listing(home, report)
        for page in health_pages:
            request_medical_review(page, report)


def request_medical_review(page, report):
    """Put an unreviewed page into its review workflow, once: never again after a review, a rejection or a cancel."""
    workflow = page.get_workflow()
    if workflow is None or page.last_reviewed is not None or WorkflowState.objects.for_instance(page).exists():
        return
    workflow.start(page, user=None)
    report(f"sent “{page.title}” for medical review")


def load_home_listing(home, report):
    """The home page lists the latest reviewed health pages (a block editors can move or remove)."""
    if any(block.block_type == "latest_reviewed_pages" for block in home.body):
        return
    home.body = [*home.body.raw_data, {"type": "latest_reviewed_pages", "value": {"heading": "", "limit": 5}}]
    home.save_revision().publish()
    report("added the latest reviewed health pages to the home page")


def create_page(parent, page, report):
    parent.add_child(instance=page)
    page.save_revision().publish()
    report(f"created {page._meta.verbose_name} “{page.title}”")
    return page


def load_condition_page(home, report):
    existing = ConditionPage.objects.child_of(home).filter(slug="neuroendocrine-tumours").first()
    if existing:
        return existing
    body = [
        {"type": "section", "value": {"heading": heading, "body": paragraph(text)}} for heading, text in NET_SECTIONS
    ]
    body.append({"type": "external_resources", "value": {"heading": "", "resources": EXTERNAL_RESOURCES}})
    page = ConditionPage(
        title="Neuroendocrine tumours",
        slug="neuroendocrine-tumours",
        summary=(
            "What neuroendocrine tumours (NETs) are, where they are found, why they are often misdiagnosed "
            "and how treatment has changed the outlook."
        ),
        search_description="What neuroendocrine tumours (NETs) are, where they are found and why they are often "
        "misdiagnosed.",
        show_in_menus=True,
        body=body,
    )
    return create_page(home, page, report)


def load_treatment_index(home, report):
    existing = TreatmentIndexPage.objects.child_of(home).filter(slug="treatments").first()
    if existing:
        if existing.introduction == SUPERSEDED_INDEX_INTRODUCTION:
            existing.introduction = INDEX_INTRODUCTION
            existing.save_revision().publish()
            report("stated the scope of the treatments section")
        return existing
    page = TreatmentIndexPage(
        title="Treatments",
        slug="treatments",
        introduction=INDEX_INTRODUCTION,
        search_description="PRRT with Lutathera and the Compassionate Use Program (CUP).",
        show_in_menus=True,
    )
    return create_page(home, page, report)


def placeholder_png(label):
    """A plain, clearly labelled stand-in picture, so nobody mistakes it for a medical image."""
    width, height = 1200, 800
    picture = Image.new("RGB", (width, height), "#e8ecf0")
    draw = ImageDraw.Draw(picture)
    draw.rectangle([12, 12, width - 13, height - 13], outline="#4a4a4a", width=6)
    draw.line([(12, 12), (width - 13, height - 13)], fill="#c3cad3", width=3)
    draw.line([(12, height - 13), (width - 13, 12)], fill="#c3cad3", width=3)
    for text, size, y in (("Image placeholder:", 64, 300), (label, 56, 400), ("to be replaced by staff", 40, 500)):
        font = ImageFont.load_default(size=size)
        draw.text((width / 2, y), text, fill="#1b1b1b", font=font, anchor="mm")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def load_placeholder_images(report):
    images = []
    for number, (label, caption) in enumerate(SERIES_PICTURES, start=1):
        title = f"PRRT image series {number}: {label} (placeholder)"
        image = CustomImage.objects.filter(title=title).first()
        if image is None:
            image = CustomImage(
                title=title,
                is_placeholder=True,
                alt_text=f"Placeholder for picture {number} of the PRRT image series ({label}); "
                "staff will replace it with the original image.",
                caption=f"{caption}. {PLACEHOLDER_NOTE}",
                credit=IMAGE_CREDIT,
            )
            slug = label.replace(" ", "-")
            image.file = ImageFile(placeholder_png(label), name=f"prrt-placeholder-{number}-{slug}.png")
            image.save()
            report(f"created placeholder image “{title}”")
        images.append((image, f"{caption}."))
    return images


def load_prrt_page(index, report):
    existing = TreatmentPage.objects.child_of(index).filter(slug="prrt").first()
    if existing:
        return existing
    images = load_placeholder_images(report)
    page = TreatmentPage(
        title="Peptide receptor radionuclide therapy (PRRT)",
        slug="prrt",
        summary="Peptide Receptor Radionuclide Therapy (PRRT): its first approved form, and an example of "
        "treatment results in pictures.",
        search_description="PRRT with Lutathera® (177Lu-DOTATATE), approved by the U.S. FDA and the European EMA.",
        therapy_name="Peptide Receptor Radionuclide Therapy (PRRT)",
        active_substance="177Lutetium 177Lu-DOTATATE",
        brand_names="Lutathera®",
        body=[
            {
                "type": "section",
                "value": {"heading": "The first approved PRRT", "body": paragraph(PRRT_APPROVAL_SENTENCE)},
            },
            {
                "type": "section",
                "value": {"heading": "An example of treatment results", "body": paragraph(IMAGE_SERIES_INTRODUCTION)},
            },
            {
                "type": "image_series",
                "value": {
                    "heading": "",
                    "images": [{"image": image.pk, "caption": caption} for image, caption in images],
                    "caption": IMAGE_SERIES_CAPTION,
                    "credit": IMAGE_CREDIT,
                },
            },
            {
                "type": "callout",
                "value": {"kind": "important", "heading": "", "text": paragraph(IMAGE_SERIES_CAUTION)},
            },
        ],
    )
    for agency, product in PRRT_APPROVALS:
        # The seed names the agencies and the product only: year and indication stay empty for staff.
        page.approvals.add(TreatmentApproval(agency=agency, product=product))
    return create_page(index, page, report)


def load_cup_page(index, report):
    existing = InformationPage.objects.child_of(index).filter(slug="compassionate-use-programme").first()
    if existing:
        return existing
    body = [
        {"type": "section", "value": {"heading": heading, "body": paragraph(text)}} for heading, text in CUP_PARAGRAPHS
    ]
    # The seed's own advice; the list of questions stays empty for editors to fill in.
    body.append(
        {"type": "questions_to_ask", "value": {"heading": "", "introduction": paragraph(CUP_ADVICE), "questions": []}}
    )
    page = InformationPage(
        title="Compassionate Use Program (CUP)",
        slug="compassionate-use-programme",
        summary=CUP_SUMMARY,
        search_description="What the Compassionate Use Program (CUP) is and whom to ask about it.",
        body=body,
    )
    return create_page(index, page, report)
