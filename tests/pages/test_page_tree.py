"""Where each page type may be created: the choices an editor gets under "Tilføj underside"."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from pages.models import (
    ActivityIndexPage,
    ActivityPage,
    DocumentCollectionPage,
    DocumentLibraryPage,
    EventIndexPage,
    EventPage,
    FocusAreaPage,
    HousingAreaIndexPage,
    HousingAreaPage,
    NewsIndexPage,
    NewsPage,
    PlanPeriodIndexPage,
    PlanPeriodPage,
)
from tests.factories import (
    ActivityPageFactory,
    DocumentCollectionPageFactory,
    EventPageFactory,
    FocusAreaPageFactory,
    HomePageFactory,
    HousingAreaPageFactory,
    NewsPageFactory,
    PlanPeriodPageFactory,
    SuperuserFactory,
    create_site_tree,
)

INDEX_PAGES = [
    PlanPeriodIndexPage,
    HousingAreaIndexPage,
    ActivityIndexPage,
    NewsIndexPage,
    EventIndexPage,
    DocumentLibraryPage,
]

# Each page type below an index page, with the one parent type it may live under.
CHILD_PAGES = {
    PlanPeriodPage: PlanPeriodIndexPage,
    FocusAreaPage: PlanPeriodPage,
    HousingAreaPage: HousingAreaIndexPage,
    ActivityPage: ActivityIndexPage,
    NewsPage: NewsIndexPage,
    EventPage: EventIndexPage,
    DocumentCollectionPage: DocumentLibraryPage,
}

LEAF_PAGES = [FocusAreaPage, HousingAreaPage, ActivityPage, NewsPage, EventPage, DocumentCollectionPage]

ALL_PAGE_TYPES = [HomePage, *INDEX_PAGES, *CHILD_PAGES]


class PageTypeRulesTests(WagtailPageTestCase):
    """The rules as declared on the classes: what the "add subpage" type list offers."""

    def test_home_page_only_under_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertEqual(Page.creatable_subpage_models(), [HomePage], "Only a home page can be added under the root")
        for page_type in ALL_PAGE_TYPES:
            with self.subTest(parent=page_type.__name__):
                self.assertCanNotCreateAt(page_type, HomePage)

    def test_home_page_offers_exactly_the_index_pages(self):
        self.assertAllowedSubpageTypes(HomePage, set(INDEX_PAGES))

    def test_index_pages_only_under_the_home_page(self):
        for index_page in INDEX_PAGES:
            with self.subTest(index_page=index_page.__name__):
                self.assertAllowedParentPageTypes(index_page, {HomePage})
                self.assertCanCreateAt(HomePage, index_page)
                self.assertCanNotCreateAt(Page, index_page)
                for other in INDEX_PAGES:
                    self.assertCanNotCreateAt(other, index_page)

    def test_each_content_page_has_exactly_one_parent_type(self):
        for child, parent in CHILD_PAGES.items():
            with self.subTest(page=child.__name__):
                self.assertAllowedParentPageTypes(child, {parent})
                self.assertCanCreateAt(parent, child)
                for other in ALL_PAGE_TYPES:
                    if other is not parent:
                        self.assertCanNotCreateAt(other, child)

    def test_index_pages_offer_only_their_own_content_type(self):
        self.assertAllowedSubpageTypes(PlanPeriodIndexPage, {PlanPeriodPage})
        self.assertAllowedSubpageTypes(PlanPeriodPage, {FocusAreaPage})
        self.assertAllowedSubpageTypes(HousingAreaIndexPage, {HousingAreaPage})
        self.assertAllowedSubpageTypes(ActivityIndexPage, {ActivityPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedSubpageTypes(DocumentLibraryPage, {DocumentCollectionPage})

    def test_leaf_pages_allow_no_children(self):
        for leaf in LEAF_PAGES:
            with self.subTest(page=leaf.__name__):
                self.assertAllowedSubpageTypes(leaf, set())


class PageTreeInstanceTests(WagtailPageTestCase):
    """The same rules on real pages, where `max_count_per_parent` comes into play."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = create_site_tree()
        cls.period = PlanPeriodPageFactory(parent=cls.tree["plans"])
        cls.superuser = SuperuserFactory()

    def test_at_most_one_of_each_index_page_per_home_page(self):
        home = self.tree["home"]
        for index_page in INDEX_PAGES:
            with self.subTest(index_page=index_page.__name__):
                self.assertEqual(index_page.objects.child_of(home).count(), 1)
                self.assertFalse(
                    index_page.can_create_at(home),
                    f"A second {index_page.__name__} may not be added under the same home page",
                )

    def test_index_pages_can_be_created_under_a_home_page_that_lacks_them(self):
        second_home = HomePageFactory(title="Anden forside", slug="anden-forside")
        for index_page in INDEX_PAGES:
            with self.subTest(index_page=index_page.__name__):
                self.assertTrue(index_page.can_create_at(second_home))

    def _add_subpage(self, parent):
        self.client.force_login(self.superuser)
        return self.client.get(reverse("wagtailadmin_pages:add_subpage", args=[parent.pk]))

    def assertRefusedByAdmin(self, response):
        """Wagtail answers a forbidden add with a redirect to the dashboard and a Danish error, not a form."""
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        dashboard = self.client.get(response.url)
        messages = [str(message).strip() for message in dashboard.context["messages"]]
        self.assertIn("Beklager, du har ikke rettigheder til at tilgå dette område", messages)

    def test_home_page_with_every_index_page_offers_no_add_subpage(self):
        home = self.tree["home"]
        self.assertFalse(home.permissions_for_user(self.superuser).can_add_subpage())

        self.assertRefusedByAdmin(self._add_subpage(home))

    def test_add_subpage_on_an_empty_home_page_offers_every_index_page(self):
        second_home = HomePageFactory(title="Anden forside", slug="anden-forside")

        response = self._add_subpage(second_home)

        self.assertEqual(response.status_code, 200)
        offered = {verbose_name for verbose_name, _app, _model, _description in response.context["page_types"]}
        self.assertEqual(offered, {model.get_verbose_name() for model in INDEX_PAGES})
        self.assertIn("Nyhedsoversigt", offered)

    def test_add_subpage_on_the_news_index_goes_straight_to_the_news_form(self):
        response = self._add_subpage(self.tree["news"])

        self.assertRedirects(response, self._add_url(NewsPage, self.tree["news"]))

    def test_leaf_page_offers_no_add_subpage(self):
        news = NewsPageFactory(parent=self.tree["news"])
        self.assertFalse(news.permissions_for_user(self.superuser).can_add_subpage())

        self.assertRefusedByAdmin(self._add_subpage(news))

    def test_content_pages_can_be_created_repeatedly_under_their_parent(self):
        self.assertTrue(PlanPeriodPage.can_create_at(self.tree["plans"]))
        self.assertTrue(FocusAreaPage.can_create_at(self.period))
        self.assertFalse(FocusAreaPage.can_create_at(self.tree["plans"]))
        self.assertTrue(NewsPage.can_create_at(self.tree["news"]))
        self.assertFalse(NewsPage.can_create_at(self.tree["events"]))

    def _add_url(self, page_type, parent):
        return reverse(
            "wagtailadmin_pages:add", args=[page_type._meta.app_label, page_type._meta.model_name, parent.pk]
        )

    def test_admin_refuses_a_news_page_under_the_event_index(self):
        self.client.force_login(self.superuser)

        response = self.client.get(self._add_url(NewsPage, self.tree["events"]))

        self.assertRefusedByAdmin(response)

    def test_admin_offers_the_news_form_under_the_news_index(self):
        self.client.force_login(self.superuser)

        response = self.client.get(self._add_url(NewsPage, self.tree["news"]))

        self.assertEqual(response.status_code, 200)
        self.assertContains(response, 'name="title"')
        self.assertContains(response, 'name="published_date"')

    def test_admin_refuses_a_second_news_index_under_the_home_page(self):
        self.client.force_login(self.superuser)

        response = self.client.get(self._add_url(NewsIndexPage, self.tree["home"]))

        self.assertRefusedByAdmin(response)

    def test_admin_refuses_to_save_a_news_page_posted_under_the_event_index(self):
        self.client.force_login(self.superuser)

        response = self.client.post(
            self._add_url(NewsPage, self.tree["events"]),
            {"title": "Forkert sted", "slug": "forkert-sted", "published_date": "2025-06-01", "action-publish": "1"},
        )

        self.assertRefusedByAdmin(response)
        self.assertFalse(NewsPage.objects.filter(title="Forkert sted").exists())


class FactoryTreeTests(WagtailPageTestCase):
    """The factories put each page where the admin would allow it, and never a second index page."""

    def test_factories_create_pages_under_an_allowed_parent(self):
        pages = [
            factory()
            for factory in (
                FocusAreaPageFactory,
                HousingAreaPageFactory,
                ActivityPageFactory,
                NewsPageFactory,
                NewsPageFactory,
                EventPageFactory,
                DocumentCollectionPageFactory,
            )
        ]
        for page in pages:
            with self.subTest(page=type(page).__name__):
                parent = page.get_parent().specific
                self.assertIn(type(parent), type(page).allowed_parent_page_models())
                self.assertIsInstance(parent.get_parent().specific, (HomePage, PlanPeriodPage, PlanPeriodIndexPage))
        self.assertEqual(HomePage.objects.count(), 1)
        for index_page in INDEX_PAGES:
            self.assertLessEqual(index_page.objects.count(), 1, index_page.__name__)
        self.assertEqual(NewsPage.objects.child_of(NewsIndexPage.objects.get()).count(), 2)
