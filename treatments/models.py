"""Health-information pages: what NETs are, their treatments and access programmes.

Every health page carries review governance (when it was last reviewed, when the next review
falls due, by whom, and the sources it rests on) and shows it to visitors. The review fields are
written only when a medical reviewer approves the page (see netportal.governance); no editor form
and no revision can set them.
"""

from calendar import monthrange

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from netportal.core import seo
from netportal.core.blocks import ReferencesBlock
from netportal.core.models import CachedViewRestrictionsMixin

from .blocks import HealthStreamBlock
from .panels import ReadingLevelPanel

# Written only by an approval in the "Medical review" workflow.
REVIEW_FIELDS = ("last_reviewed", "next_review_due", "reviewed_by", "reviewer_role")
# Ids the page templates use themselves; a section heading never takes one of them.
RESERVED_ANCHORS = frozenset({"main", "on-this-page", "page-review", "sources", "approvals", "treatments"})


def review_due_after(last_reviewed, months):
    """The date `months` after `last_reviewed`, on the last day of a shorter month when needed."""
    month_index = last_reviewed.month - 1 + months
    year, month = last_reviewed.year + month_index // 12, month_index % 12 + 1
    return last_reviewed.replace(year=year, month=month, day=min(last_reviewed.day, monthrange(year, month)[1]))


def unique_anchors(headings, reserved=RESERVED_ANCHORS):
    """Anchor ids for the given headings, unique on the page even when headings repeat."""
    taken = set(reserved)
    anchors = []
    for heading in headings:
        base = slugify(heading) or "section"
        anchor, number = base, 1
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        anchors.append(anchor)
    return anchors


def without_private(pages):
    """`pages` without those in a private section, in the same query as the pages themselves."""
    # A page is private when a view restriction sits on it or on one of its ancestors (a path prefix).
    restricted = PageViewRestriction.objects.annotate(
        outer_prefix=Substr(OuterRef("path"), 1, Length("page__path"))
    ).filter(page__path=F("outer_prefix"))
    return pages.exclude(Exists(restricted))


class HealthPage(CachedViewRestrictionsMixin, Page):
    """Shared fields of every health page: summary, body and review governance."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two plain sentences; shown at the top of the page, in listings and search results."),
    )
    body = StreamField(HealthStreamBlock(), blank=True, verbose_name=_("body"))
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("Set when a medical reviewer approves the page; empty until then."),
    )
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        help_text=_("Proposed from the review interval in the site settings when the page is approved."),
    )
    reviewed_by = models.CharField(
        _("reviewed by"),
        max_length=255,
        blank=True,
        help_text=_("The approving reviewer's public name, from their reviewer profile."),
    )
    reviewer_role = models.CharField(
        _("reviewer's professional role"),
        max_length=255,
        blank=True,
        help_text=_("The approving reviewer's professional role, from their reviewer profile."),
    )
    references = StreamField(ReferencesBlock(), blank=True, verbose_name=_("references"))
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("page")))],
        blank=True,
        verbose_name=_("related pages"),
        help_text=_("Other pages of this site a reader may want next, in the order shown. Drafts are left out."),
    )
    glossary_marking = models.BooleanField(
        _("link glossary terms"),
        default=True,
        help_text=_(
            "Link the first use of each reviewed glossary term in the body to its plain-language definition. "
            "Switch off for a page where the links would get in the way."
        ),
    )

    # wagtail-localize never offers the review for translation: a translation states its own review
    # once a reviewer approves it (netportal.governance.translations), never its original's.
    override_translatable_fields = [SynchronizedField(field) for field in REVIEW_FIELDS]

    review_panels = [
        MultiFieldPanel(
            [
                # Read-only: only an approval in the "Medical review" workflow sets them.
                FieldRowPanel(
                    [FieldPanel("last_reviewed", read_only=True), FieldPanel("next_review_due", read_only=True)]
                ),
                FieldRowPanel([FieldPanel("reviewed_by", read_only=True), FieldPanel("reviewer_role", read_only=True)]),
                FieldPanel("references"),
            ],
            heading=_("Medical review and sources"),
        ),
    ]
    content_panels = [
        *Page.content_panels,
        ReadingLevelPanel(),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("related_pages"),
        *review_panels,
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("glossary_marking")]
    search_fields = [
        # Page.search_fields already has the title as SearchField and AutocompleteField (partial words).
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("next_review_due"),
        index.FilterField("last_reviewed"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.last_reviewed and self.next_review_due and self.next_review_due <= self.last_reviewed:
            message = _("The next review must be after the last review (%(date)s). Choose a later date.")
            raise ValidationError({"next_review_due": message % {"date": self.last_reviewed.isoformat()}})

    def with_content_json(self, content):
        """The page as a revision has it, but with the review as the database has it.

        A revision (a draft, an old version restored, a tampered form) never carries a review:
        the approval writes the review fields to the page itself (netportal.governance).
        """
        page = super().with_content_json(content)
        for field in REVIEW_FIELDS:
            setattr(page, field, getattr(self, field))
        return page

    @property
    def is_reviewed(self):
        """True once a medical reviewer has approved the page."""
        return self.last_reviewed is not None

    @property
    def review_overdue(self):
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())

    @cached_property
    def body_with_anchors(self):
        """Each body block with the anchor id of its heading (None for blocks without one)."""
        sections = [block for block in self.body if block.block_type == "section"]
        anchors = iter(unique_anchors(block.value["heading"] for block in sections))
        return [(block, next(anchors) if block.block_type == "section" else None) for block in self.body]

    @cached_property
    def placeholder_images(self):
        """Stand-in images the body still uses, each once, in page order (visitors never see them)."""
        images = []
        for block in self.body:
            if block.block_type == "image":
                candidates = [block.value.get("image")]
            elif block.block_type == "image_series":
                candidates = [item.get("image") for item in block.value["images"]]
            else:
                continue
            for image in candidates:
                if image is not None and image.is_placeholder and image.pk not in {known.pk for known in images}:
                    images.append(image)
        return images

    @cached_property
    def table_of_contents(self):
        """(anchor, heading) for every section, in page order: the "On this page" list."""
        return [(anchor, block.value["heading"]) for block, anchor in self.body_with_anchors if anchor]

    @cached_property
    def live_related_pages(self):
        """The editors' related pages that are live and public, in their order: one query, none when none chosen."""
        ids = list(dict.fromkeys(block["value"] for block in self.related_pages.raw_data if block.get("value")))
        if not ids:
            return []
        by_id = {page.pk: page for page in without_private(Page.objects.live().filter(pk__in=ids).exclude(pk=self.pk))}
        return [by_id[pk] for pk in ids if pk in by_id]

    @cached_property
    def previous_and_next(self):
        """The live, public pages before and after this one in the treatments section, in one query.

        (None, None) outside the treatments section; either is None at the ends of the list.
        Only the two neighbours are loaded, however many pages the section has.
        """
        parent_path = self.path[: -self.steplen]
        siblings = without_private(Page.objects.live().filter(path__startswith=parent_path, depth=self.depth)).filter(
            Exists(TreatmentIndexPage.objects.filter(path=parent_path))
        )
        before = siblings.filter(path__lt=self.path).order_by("-path").values("pk")[:1]
        after = siblings.filter(path__gt=self.path).order_by("path").values("pk")[:1]
        neighbours = Page.objects.filter(Q(pk=Subquery(before)) | Q(pk=Subquery(after)))
        previous = following = None
        for page in neighbours:
            if page.path < self.path:
                previous = page
            else:
                following = page
        return previous, following

    def structured_data_about(self):
        """What the page is about, as schema.org data; None when it says no more than its title."""
        return None

    def get_structured_data(self, request):
        """A MedicalWebPage with the review date and reviewer (see netportal.core.templatetags.seo_tags)."""
        return seo.medical_web_page(request, self, about=self.structured_data_about())


class ConditionPage(HealthPage):
    """Education about a condition, e.g. what neuroendocrine tumours are."""

    parent_page_types = ["core.HomePage"]
    subpage_types = ["treatments.InformationPage"]

    class Meta:
        verbose_name = _("condition page")
        verbose_name_plural = _("condition pages")

    def structured_data_about(self):
        return {"@type": "MedicalCondition", "name": self.title}


class TreatmentIndexPage(CachedViewRestrictionsMixin, Page):
    """Lists the treatments and access programmes below it."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["treatments.TreatmentPage", "treatments.InformationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("treatment index page")
        verbose_name_plural = _("treatment index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["treatments"] = self.get_children().live().public().specific()
        return context


class TreatmentPage(HealthPage):
    """One therapy with its substance, brand names and regulatory approvals."""

    therapy_name = models.CharField(
        _("therapy name"),
        max_length=255,
        blank=True,
        help_text=_("Full name of the therapy, e.g. “Peptide Receptor Radionuclide Therapy (PRRT)”."),
    )
    active_substance = models.CharField(
        _("radionuclide or active substance"),
        max_length=255,
        blank=True,
    )
    brand_names = models.CharField(
        _("brand names"),
        max_length=255,
        blank=True,
        help_text=_("Separate several names with commas."),
    )

    content_panels = [
        *Page.content_panels,
        ReadingLevelPanel(),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("therapy_name"), FieldPanel("active_substance"), FieldPanel("brand_names")],
            heading=_("Therapy"),
        ),
        InlinePanel("approvals", label=_("Regulatory approvals")),
        FieldPanel("body"),
        FieldPanel("related_pages"),
        *HealthPage.review_panels,
    ]
    search_fields = [
        *HealthPage.search_fields,
        index.SearchField("therapy_name"),
        index.SearchField("active_substance"),
        index.SearchField("brand_names"),
    ]

    parent_page_types = ["treatments.TreatmentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("treatment page")
        verbose_name_plural = _("treatment pages")

    @property
    def brand_name_list(self):
        return [name.strip() for name in self.brand_names.split(",") if name.strip()]

    def structured_data_about(self):
        """A MedicalTherapy with its drugs: one per brand name, or the substance alone when no brand is given."""
        therapy = {"@type": "MedicalTherapy", "name": self.therapy_name or self.title}
        drug_names = self.brand_name_list or ([self.active_substance] if self.active_substance else [])
        ingredient = {"activeIngredient": self.active_substance} if self.active_substance else {}
        if drug_names:
            therapy["drug"] = [{"@type": "Drug", "name": name, **ingredient} for name in drug_names]
        return therapy


class TreatmentApproval(Orderable):
    """A regulator's approval of a product; leave fields empty rather than guess."""

    page = ParentalKey(TreatmentPage, on_delete=models.CASCADE, related_name="approvals")
    agency = models.CharField(_("agency"), max_length=255, help_text=_("e.g. “European Medicines Agency (EMA)”."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    product = models.CharField(_("product"), max_length=255)
    indication = models.CharField(_("indication"), max_length=500, blank=True)
    source_url = models.URLField(_("source link"), blank=True, help_text=_("The regulator's own page, if known."))

    panels = [
        FieldPanel("agency"),
        FieldPanel("product"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("indication")]),
        FieldPanel("source_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("regulatory approval")
        verbose_name_plural = _("regulatory approvals")

    def __str__(self):
        return f"{self.product} ({self.agency})"


class InformationPage(HealthPage):
    """Practical information, e.g. the compassionate use programme."""

    parent_page_types = ["core.HomePage", "treatments.TreatmentIndexPage", "treatments.ConditionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
