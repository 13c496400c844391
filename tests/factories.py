"""Factories for the page types and snippets, so tests build only what they need.

Page factories default to the parent the page tree requires (a NewsPage under the
"nyheder" index under the "forside" home page) and reuse an existing parent with
the same slug, so that `max_count_per_parent = 1` holds however many pages a test
creates. Pass `parent=` to put a page somewhere else.
"""

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Page, Site

from documents.models import PlanImage
from home.models import HomePage
from organisations.choices import GovernanceBodyKind, OrganisationKind
from organisations.models import ContactPoint, GovernanceBody, OpeningHours, Organisation, Person, Place, TargetGroup
from pages.choices import FundingType
from pages.models import (
    ActivityIndexPage,
    ActivityPage,
    DocumentCollectionPage,
    DocumentLibraryPage,
    EventIndexPage,
    EventPage,
    FocusAreaPage,
    FundingLine,
    HousingAreaIndexPage,
    HousingAreaPage,
    NewsIndexPage,
    NewsPage,
    PlanPeriodHousingArea,
    PlanPeriodIndexPage,
    PlanPeriodPage,
)

# --- pages -----------------------------------------------------------------


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Helhedsplan Randers"
    slug = "forside"
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage
        django_get_or_create = ("parent", "slug")


class _IndexPageFactory(wagtail_factories.PageFactory):
    """At most one of each index page per home page: reuse the one with the same slug."""

    parent = factory.SubFactory(HomePageFactory)

    class Meta:
        abstract = True
        django_get_or_create = ("parent", "slug")


class PlanPeriodIndexPageFactory(_IndexPageFactory):
    title = "Helhedsplanen"
    slug = "helhedsplanen"

    class Meta:
        model = PlanPeriodIndexPage


class HousingAreaIndexPageFactory(_IndexPageFactory):
    title = "Boligområder"
    slug = "boligomraader"

    class Meta:
        model = HousingAreaIndexPage


class ActivityIndexPageFactory(_IndexPageFactory):
    title = "Aktiviteter"
    slug = "aktiviteter"

    class Meta:
        model = ActivityIndexPage


class NewsIndexPageFactory(_IndexPageFactory):
    title = "Nyheder"
    slug = "nyheder"

    class Meta:
        model = NewsIndexPage


class EventIndexPageFactory(_IndexPageFactory):
    title = "Arrangementer"
    slug = "arrangementer"

    class Meta:
        model = EventIndexPage


class DocumentLibraryPageFactory(_IndexPageFactory):
    title = "Dokumenter"
    slug = "dokumenter"

    class Meta:
        model = DocumentLibraryPage


class PlanPeriodPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(PlanPeriodIndexPageFactory)
    title = factory.Sequence(lambda n: f"Helhedsplan {2011 + 4 * n}-{2014 + 4 * n}")
    start_date = factory.Sequence(lambda n: datetime.date(2011 + 4 * n, 1, 1))
    end_date = factory.Sequence(lambda n: datetime.date(2014 + 4 * n, 12, 31))

    class Meta:
        model = PlanPeriodPage


class FocusAreaPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(PlanPeriodPageFactory)
    title = factory.Sequence(lambda n: f"Indsatsområde {n}")

    class Meta:
        model = FocusAreaPage


class HousingAreaPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(HousingAreaIndexPageFactory)
    title = factory.Sequence(lambda n: f"Boligområde {n}")

    class Meta:
        model = HousingAreaPage


class ActivityPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(ActivityIndexPageFactory)
    title = factory.Sequence(lambda n: f"Lektiecafé {n}")

    class Meta:
        model = ActivityPage


class NewsPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(NewsIndexPageFactory)
    title = factory.Sequence(lambda n: f"Nyhed {n}")

    class Meta:
        model = NewsPage


class EventPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(EventIndexPageFactory)
    title = factory.Sequence(lambda n: f"Arrangement {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))

    class Meta:
        model = EventPage


class DocumentCollectionPageFactory(wagtail_factories.PageFactory):
    parent = factory.SubFactory(DocumentLibraryPageFactory)
    title = factory.Sequence(lambda n: f"Evalueringer {n}")

    class Meta:
        model = DocumentCollectionPage


def create_site_tree() -> dict[str, Page]:
    """The tree editors work in: home as the default site's root, one of each index page under it.

    The same shape as the `site_tree` fixture, for tests that cannot use it
    (unittest-style classes, transactional tests behind `live_server`).
    """
    root = Page.get_first_root_node()
    for child in root.get_children():  # Wagtail's "Welcome" page from its own migration
        child.delete()
    home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Helhedsplan")
    return {
        "home": home,
        "plans": PlanPeriodIndexPageFactory(parent=home),
        "areas": HousingAreaIndexPageFactory(parent=home),
        "activities": ActivityIndexPageFactory(parent=home),
        "news": NewsIndexPageFactory(parent=home),
        "events": EventIndexPageFactory(parent=home),
        "library": DocumentLibraryPageFactory(parent=home),
    }


# --- snippets and related records ------------------------------------------


class OrganisationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Boligforening {n}")
    kind = OrganisationKind.HOUSING_ORGANISATION

    class Meta:
        model = Organisation
        django_get_or_create = ("name",)


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Medarbejder {n}")
    job_title = "Projektleder"
    organisation = factory.SubFactory(OrganisationFactory)

    class Meta:
        model = Person


class TargetGroupFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Målgruppe {n}")

    class Meta:
        model = TargetGroup
        django_get_or_create = ("name",)


class PlaceFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Beboerhus {n}")
    address = "Nørrebrogade 1"
    postcode = "8900"

    class Meta:
        model = Place


class ContactPointFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Bysekretariatet {n}")

    class Meta:
        model = ContactPoint


class OpeningHoursFactory(DjangoModelFactory):
    contact_point = factory.SubFactory(ContactPointFactory)
    weekday = 1
    opens = datetime.time(9, 0)
    closes = datetime.time(15, 0)

    class Meta:
        model = OpeningHours


class GovernanceBodyFactory(DjangoModelFactory):
    kind = GovernanceBodyKind.BOARD
    name = factory.Sequence(lambda n: f"Bestyrelse {n}")
    plan_period = factory.SubFactory(PlanPeriodPageFactory)

    class Meta:
        model = GovernanceBody


class FundingLineFactory(DjangoModelFactory):
    funder = factory.SubFactory(OrganisationFactory, name="Landsbyggefonden", kind=OrganisationKind.FOUNDATION)
    funding_type = FundingType.LBF_GRANT
    amount_dkk = 1_000_000
    plan_period = factory.SubFactory(PlanPeriodPageFactory)

    class Meta:
        model = FundingLine


class PlanPeriodHousingAreaFactory(DjangoModelFactory):
    page = factory.SubFactory(PlanPeriodPageFactory)
    housing_area = factory.SubFactory(HousingAreaPageFactory)

    class Meta:
        model = PlanPeriodHousingArea


# --- users -----------------------------------------------------------------


class SuperuserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"redaktoer{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.dk")
    password = factory.django.Password("hemmelig-kode")
    is_staff = True
    is_superuser = True

    class Meta:
        model = get_user_model()


class PlanImageFactory(DjangoModelFactory):
    """A small real PNG in the root collection, marked like the demo's illustrations."""

    title = factory.Sequence(lambda n: f"Illustration {n}")
    description = "Tegnet illustration."
    credit = "Illustration"
    file = factory.django.ImageField(width=64, height=40, color="blue")
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = PlanImage
