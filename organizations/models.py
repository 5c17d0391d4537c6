"""The association directory: regions, associations and the public directory page."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.forms import CheckboxSelectMultiple
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import DraftStateMixin, LockableMixin, Page, RevisionMixin
from wagtail.search import index

from netportal.core.models import CachedViewRestrictionsMixin

from .codes import LanguagesField, Support, SupportField, language_name, phone_validator
from .forms import AssociationForm, FilteredCheckboxSelectMultiple

# The seed's regions, in the interface catalogue so that visitors read them in their language
# (Region.display_name); a region staff add or rename is shown as they wrote it.
SEED_REGION_NAMES = (
    gettext_noop("Europe"),
    gettext_noop("North America"),
    gettext_noop("Asia & Asia Pacific"),
    gettext_noop("South America"),
    gettext_noop("Worldwide"),
)


class Region(models.Model):
    """A part of the world the directory groups associations by, e.g. "Europe"."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(
        _("sort order"), default=0, help_text=_("Regions with a lower number are listed first.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        """The name in the visitor's language where the catalogue has it."""
        return translation.gettext(self.name)


class Scope(models.TextChoices):
    """Who an association serves. "national" means based in one country: the seed gives a country,
    not whether the group works nationally or locally."""

    NATIONAL = "national", _("Based in a country")
    MULTINATIONAL = "multinational", _("Multinational")
    WORLDWIDE = "worldwide", _("Worldwide")


class Focus(models.TextChoices):
    """What an association works on; left empty when not confirmed."""

    NETS_ONLY = "nets", _("NET-specific group")
    NETS_AMONG_OTHERS = "nets_and_other", _("Broader cancer group that includes NETs")
    GENERAL_CANCER = "general", _("Broader cancer group")


class Association(DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, models.Model):
    """A patient association listed in the directory."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    subtitle = models.CharField(
        _("subtitle"),
        max_length=255,
        blank=True,
        help_text=_("A short description that follows the name, e.g. “the carcinoid patient association”."),
    )
    former_names = models.CharField(
        _("former names"),
        max_length=500,
        blank=True,
        help_text=_("Names the association was known by before; separate several with a semicolon."),
    )
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    country = CountryField(
        _("country"), blank=True, help_text=_("Where a national association works. Empty for multinational ones.")
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="associations", verbose_name=_("region"))
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.NATIONAL)
    countries_served = CountryField(
        _("countries served"),
        multiple=True,
        blank=True,
        help_text=_("For multinational associations: the countries they serve."),
    )
    coverage_note = models.CharField(
        _("note on where it works"),
        max_length=500,
        blank=True,
        help_text=_("Shown to visitors, e.g. how the directory reads the source's “(EU)”."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(
        _("phone or helpline"),
        max_length=40,
        blank=True,
        validators=[phone_validator],
        help_text=_("In international form, e.g. “+49 30 1234567”."),
    )
    languages = LanguagesField(_("languages"), help_text=_("Languages the association works in."))
    support = SupportField(_("support offered"), help_text=_("Tick only what the association itself says it offers."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two plain sentences: what the association offers.")
    )
    focus = models.CharField(_("focus"), max_length=20, choices=Focus.choices, blank=True)
    verification_note = models.TextField(
        _("note for staff"),
        blank=True,
        help_text=_("Never shown on the site. An association with a note is listed on the review dashboard."),
    )
    last_verified = models.DateField(
        _("last verified"), null=True, blank=True, help_text=_("When staff last checked these details.")
    )

    panels = [
        MultiFieldPanel(
            [
                TitleFieldPanel("name", placeholder=False),  # fills the slug from the name, as pages do
                FieldPanel("confirm_duplicate"),
                FieldPanel("slug"),
                FieldPanel("subtitle"),
                FieldPanel("acronym"),
            ],
            heading=_("Name"),
        ),
        FieldPanel("former_names"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("scope"), FieldPanel("country"), FieldPanel("region")]),
                FieldPanel("countries_served", widget=FilteredCheckboxSelectMultiple),
                FieldPanel("coverage_note"),
            ],
            heading=_("Where it works"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("languages", widget=FilteredCheckboxSelectMultiple),
            ],
            heading=_("Contact"),
        ),
        FieldPanel("description"),
        FieldPanel("focus"),
        FieldPanel("support", widget=CheckboxSelectMultiple),
        FieldPanel("last_verified"),
        FieldPanel("verification_note"),
    ]

    base_form_class = AssociationForm

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("former_names", boost=2),
        index.AutocompleteField("former_names"),
        index.SearchField("acronym"),
        index.SearchField("subtitle"),
        index.SearchField("description"),
        index.FilterField("scope"),
        index.FilterField("region"),
        index.RelatedFields("region", [index.SearchField("name"), index.FilterField("slug")]),
        index.FilterField("country"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""),
                name="organizations_association_has_name",
                violation_error_message=_("An association needs a name."),
            ),
            models.CheckConstraint(
                condition=~Q(scope="national") | ~Q(country=""),
                name="organizations_national_association_has_country",
                violation_error_message=_("A national association needs a country."),
            ),
        ]
        indexes = [
            models.Index(fields=["live", "country"], name="organizations_live_country"),
            # A country's search: its national associations, then every multinational and
            # worldwide one (the few whose countries served are then checked).
            models.Index(fields=["scope", "country"], name="organizations_scope_country"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        directory = published_directory()
        if directory is None:
            return ""
        return directory.url + directory.reverse_subpage("association", args=[self.slug])

    @property
    def former_name_list(self):
        return [name.strip() for name in self.former_names.split(";") if name.strip()]

    @cached_property
    def language_list(self):
        """[(code, own name)] of the languages, e.g. [("de", "Deutsch")]."""
        return [(code, language_name(code)) for code in self.languages.split()]

    @property
    def website_label(self):
        """The website as people say it: "www.carpa.se" for "https://www.carpa.se/"."""
        label = self.website.split("://", 1)[-1]
        return label[:-1] if label.endswith("/") and label.count("/") == 1 else label

    @property
    def phone_link(self):
        """The number for a tel: link: "+" and digits only."""
        return ("+" if self.phone.startswith("+") else "") + "".join(char for char in self.phone if char.isdigit())

    @cached_property
    def support_list(self):
        labels = dict(Support.choices)
        return [labels[code] for code in self.support.split() if code in labels]

    def serves(self, country_code):
        """True when the association works in the country (nationally or as one it serves)."""
        return self.country == country_code or country_code in [c.code for c in self.countries_served]


class AssociationFact(models.Model):
    """Evidence for one detail of an association: the value, the public page that states it and
    the day it was checked there. Loaded from organizations/data/association_facts.csv."""

    class Field(models.TextChoices):
        WEBSITE = "website", _("website")
        EMAIL = "email", _("email")
        PHONE = "phone", _("phone or helpline")
        LANGUAGES = "languages", _("languages")
        DESCRIPTION = "description", _("description")
        SUPPORT = "support", _("support offered")
        FOCUS = "focus", _("focus")

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="facts", verbose_name=_("association")
    )
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    value = models.TextField(_("value"))
    source_url = models.URLField(_("source page"), max_length=500)
    confirmed_on = models.DateField(_("confirmed on"))

    class Meta:
        verbose_name = _("association fact")
        verbose_name_plural = _("association facts")
        ordering = ["association", "field"]
        constraints = [
            models.UniqueConstraint(fields=["association", "field"], name="organizations_one_fact_per_field"),
            models.CheckConstraint(condition=~Q(source_url=""), name="organizations_fact_has_source"),
        ]

    def __str__(self):
        return f"{self.association}: {self.get_field_display()}"


def published_directory(queryset=None):
    """The published directory in the visitor's language, else the site's own (one query, two
    where the language has none)."""
    published = (queryset if queryset is not None else DirectoryPage.objects.all()).live()
    language = translation.get_language()
    directory = published.filter(locale__language_code=language).first()
    if directory is None and language != settings.LANGUAGE_CODE:
        directory = published.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    return directory


class DirectoryPage(CachedViewRestrictionsMixin, RoutablePageMixin, Page):
    """The public association directory: search by country or name, browse by region, exports.

    Route names: ``index`` (search and browse), ``region``, ``country``, ``association``,
    ``export_csv``, ``export_json`` and ``country_suggestions``.
    """

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("directory page")
        verbose_name_plural = _("directory pages")

    def get_sitemap_urls(self, request=None):
        """The page itself, then each region, country and published association it lists."""
        from . import directory

        return [*super().get_sitemap_urls(request), *directory.sitemap_urls(self, request)]

    # The views live in organizations.directory; the page only names the routes.
    @path("", name="index")
    def index_route(self, request, *args, **kwargs):
        from . import directory

        return directory.search_view(self, request)

    @path("region/<slug:slug>/", name="region")
    def region_route(self, request, slug):
        from . import directory

        return directory.region_view(self, request, slug)

    @re_path(r"^country/(?P<code>[A-Za-z]{2,3})/$", name="country")
    def country_route(self, request, code):
        from . import directory

        return directory.country_view(self, request, code)

    @path("export/csv/", name="export_csv")
    def export_csv_route(self, request):
        from . import directory

        return directory.export_csv_view(self, request)

    @path("export/json/", name="export_json")
    def export_json_route(self, request):
        from . import directory

        return directory.export_json_view(self, request)

    @path("country-suggestions/", name="country_suggestions")
    def country_suggestions_route(self, request):
        from . import directory

        return directory.country_suggestions_view(self, request)

    @path("<slug:slug>/", name="association")
    def association_route(self, request, slug):
        from . import directory

        return directory.association_view(self, request, slug)
