"""Demo glossary: the A to Z page, and terms only for what the seed document itself explains.

Every definition is the seed's own wording. The terms are created unreviewed: drafts waiting in
the "Medical review" workflow, so visitors see none of them until a medical reviewer approves
them. `load` is idempotent: the page is found by its slug and each term by its slug; existing
ones (perhaps edited or approved since) are left alone.
"""

from django.db import transaction
from django.utils.html import escape
from wagtail.models import Locale

from treatments.models import ConditionPage, InformationPage, TreatmentPage

from .models import GlossaryPage, GlossaryTerm

GLOSSARY_INTRODUCTION = "Words used on this site, explained. A medical reviewer checks every entry before it is shown."

# (slug, term, other spellings, definition in the seed's words, (page model, page slug) it comes from)
SEED_TERMS = [
    (
        "neuroendocrine-tumour",
        "Neuroendocrine tumour",
        "neuroendocrine tumours, neuroendocrine tumor, neuroendocrine tumors, NET, NETs",
        "Neuroendocrine tumors (NETs) are rare cancers found in only about 2% of all individuals diagnosed with "
        "cancer each year. There are many varieties, with carcinoid being the most common one.",
        (ConditionPage, "neuroendocrine-tumours"),
    ),
    (
        "prrt",
        "PRRT",
        "Peptide Receptor Radionuclide Therapy, PRRNT",
        "Peptide Receptor Radionuclide Therapy. The first type of Peptide Receptor Radionuclide Therapy (PRRT) "
        "approved by the U.S. FDA and the European EMA is Lutathera® (177Lutetium 177Lu-DOTATATE).",
        (TreatmentPage, "prrt"),
    ),
    (
        "compassionate-use-program",
        "Compassionate Use Program",
        "Compassionate Use Programme, CUP, CUP programs",
        "CUP enables patients with life-threatening diseases, such as advanced cancer, to resort to experimental "
        "treatments when standard anti-cancer solutions and access to clinical trials are not an option. Access to "
        "CUP programs depends on local regulations and can vary from one treatment to another.",
        (InformationPage, "compassionate-use-programme"),
    ),
]


def load(home, report):
    """Create the glossary page under `home` and the seed's terms, waiting for medical review; idempotent."""
    with transaction.atomic():
        load_glossary_page(home, report)
        for spec in SEED_TERMS:
            load_term(*spec, report=report)


def load_glossary_page(home, report):
    existing = GlossaryPage.objects.child_of(home).filter(slug="glossary").first()
    if existing:
        return existing
    page = GlossaryPage(title="Glossary", slug="glossary", introduction=GLOSSARY_INTRODUCTION, show_in_menus=False)
    home.add_child(instance=page)
    page.save_revision().publish()
    report("created the glossary page")
    return page


def load_term(slug, term, other_spellings, definition, source_page, report):
    if GlossaryTerm.objects.filter(slug=slug, locale=Locale.get_default()).exists():
        return None
    model, page_slug = source_page
    related = model.objects.filter(slug=page_slug).first()
    glossary_term = GlossaryTerm(
        term=term,
        slug=slug,
        other_spellings=other_spellings,
        definition=f"<p>{escape(definition)}</p>",
        related_pages=[("page", related)] if related else [],
        live=False,
    )
    glossary_term.save()
    glossary_term.save_revision()
    workflow = glossary_term.get_workflow()
    if workflow is not None:
        workflow.start(glossary_term, user=None)
        report(f"created glossary term “{term}”, waiting for medical review")
    else:
        report(f"created glossary term “{term}” as a draft (no review workflow is set up)")
    return glossary_term
