"""Factories for every model the tests build. One section per app."""

import factory
import wagtail_factories
from django.utils import timezone

from netportal.core.models import CustomImage, HomePage, StandardPage

# --- core ---


class CustomImageFactory(wagtail_factories.ImageFactory):
    alt_text = factory.Sequence(lambda n: f"Illustration number {n}")
    caption = ""
    credit = ""

    class Meta:
        model = CustomImage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    introduction = "Welcome."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "An introduction."

    class Meta:
        model = StandardPage


# --- treatments ---


class HealthPageFactory(wagtail_factories.PageFactory):
    """Shared fields of the health pages: never reviewed, as a new page is until a reviewer approves it.

    Pass `reviewed=True` for a page a reviewer approved today (next review in a year)."""

    summary = "A short summary in plain language."
    last_reviewed = None
    next_review_due = None
    reviewed_by = ""
    reviewer_role = ""

    class Params:
        reviewed = factory.Trait(
            last_reviewed=factory.LazyFunction(timezone.localdate),
            next_review_due=factory.LazyAttribute(
                lambda page: page.last_reviewed.replace(year=page.last_reviewed.year + 1)
            ),
            reviewed_by="Dr Jane Example",
            reviewer_role="consultant oncologist",
        )

    class Meta:
        abstract = True


class ConditionPageFactory(HealthPageFactory):
    title = factory.Sequence(lambda n: f"Condition {n}")

    class Meta:
        model = "treatments.ConditionPage"


class TreatmentIndexPageFactory(wagtail_factories.PageFactory):
    title = "Treatments"
    slug = "treatments"
    introduction = "Treatments described on this portal."

    class Meta:
        model = "treatments.TreatmentIndexPage"


class TreatmentPageFactory(HealthPageFactory):
    title = factory.Sequence(lambda n: f"Treatment {n}")
    therapy_name = factory.LazyAttribute(lambda page: f"{page.title} therapy")
    active_substance = "Example substance"
    brand_names = "Examplebrand"

    class Meta:
        model = "treatments.TreatmentPage"


class TreatmentApprovalFactory(factory.django.DjangoModelFactory):
    page = None  # pass the TreatmentPage
    agency = "Example Medicines Agency"
    product = factory.Sequence(lambda n: f"Product {n}")

    class Meta:
        model = "treatments.TreatmentApproval"


class InformationPageFactory(HealthPageFactory):
    title = factory.Sequence(lambda n: f"Information {n}")

    class Meta:
        model = "treatments.InformationPage"


# --- organizations ---


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = "organizations.Region"
        django_get_or_create = ("slug",)


class AssociationFactory(factory.django.DjangoModelFactory):
    """A published national association; pass scope and countries_served for others."""

    name = factory.Sequence(lambda n: f"Patient association {n}")
    slug = factory.Sequence(lambda n: f"patient-association-{n}")
    country = "DE"
    region = factory.SubFactory(RegionFactory)
    scope = "national"
    live = True

    class Meta:
        model = "organizations.Association"


class DirectoryPageFactory(wagtail_factories.PageFactory):
    title = "Patient associations"
    slug = "patient-associations"
    show_in_menus = True

    class Meta:
        model = "organizations.DirectoryPage"


# --- governance ---


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A staff member; pass `group_name` to put them in one of the staff groups."""

    username = factory.Sequence(lambda n: f"staff-{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Staff {n}")
    password = factory.django.Password("a-long-test-password")

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def group_name(self, create, name, **kwargs):
        if create and name:
            from django.contrib.auth.models import Group

            self.groups.add(Group.objects.get(name=name))


class SuggestionFactory(factory.django.DjangoModelFactory):
    kind = "new"
    name = factory.Sequence(lambda n: f"Suggested association {n}")
    message = "Please add this association."

    class Meta:
        model = "governance.Suggestion"
