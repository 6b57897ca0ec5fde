"""Where each page type may be created, and that staff can create them in the admin."""

from django.urls import reverse
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTests
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from blog.models import BlogIndexPage
from forms.models import ContactFormPage
from home.demo import load_home_page
from home.models import HomePage, HomePageFeaturedService, StandardPage
from services.models import ServiceIndexPage, ServicePage
from tests.factories import make_service, make_service_index


class PageTypeRulesTests(WagtailPageTests):
    @classmethod
    def setUpTestData(cls):
        Locale.objects.get_or_create(language_code="en")
        if not Page.get_first_root_node():
            Page.add_root(instance=Page(title="Root", slug="root"))
        cls.home = load_home_page()
        cls.services = make_service_index(cls.home)

    def test_home_page_sits_only_at_the_top_of_the_tree_and_only_once(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        assert not HomePage.can_create_at(Page.get_first_root_node())

    def test_home_page_holds_the_sections_and_plain_pages(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(HomePage, BlogIndexPage)
        self.assertCanCreateAt(HomePage, ContactFormPage)
        self.assertCanCreateAt(HomePage, ServiceIndexPage)
        self.assertCanNotCreateAt(HomePage, ServicePage)
        # A site has one services index, and it exists already.
        assert not ServiceIndexPage.can_create_at(self.home)

    def test_service_pages_live_only_under_the_services_index(self):
        self.assertAllowedParentPageTypes(ServicePage, {ServiceIndexPage})
        self.assertAllowedSubpageTypes(ServiceIndexPage, {ServicePage})
        self.assertAllowedSubpageTypes(ServicePage, set())

    def test_standard_pages_nest_only_standard_pages(self):
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanNotCreateAt(StandardPage, ServicePage)

    def test_staff_create_a_service_page_in_the_admin(self):
        self.assertCanCreate(
            self.services,
            ServicePage,
            nested_form_data(
                {
                    "title": "Walking group",
                    "summary": "A gentle walk and a talk, every Saturday morning.",
                    "who_it_is_for": rich_text("<p>Anyone who likes fresh air.</p>"),
                    "what_to_expect": rich_text("<p>An hour's walk at an easy pace.</p>"),
                    "body": streamfield([]),
                    "format": "in_person",
                    "schedule": "Saturdays, 10am",
                    "location": "The park gates",
                    "cost": "Free",
                    "tags": "walking, outdoors",
                    "chosen_articles": streamfield([]),
                }
            ),
        )
        service = ServicePage.objects.get(slug="walking-group")
        assert service.live
        assert sorted(tag.name for tag in service.tags.all()) == ["outdoors", "walking"]

    def test_staff_create_a_standard_page_in_the_admin(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Volunteer with us",
                    "intro": "How to help.",
                    "body": streamfield([("heading", {"text": "Getting started", "level": "h2"})]),
                }
            ),
        )

    def test_staff_can_edit_and_preview_the_home_page_and_open_a_service(self):
        service = make_service(self.services, "Peer-run groups")
        self.home.featured_services = [HomePageFeaturedService(service=service)]
        self.home.save_revision().publish()
        # The edit form of a page with a StreamField is built by JavaScript, which these
        # assertions cannot run: the service's form is only opened (creating one is
        # tested above).
        edit_url = reverse("wagtailadmin_pages:edit", args=[service.pk])
        assert self.client.get(edit_url).status_code == 200
        self.assertPageIsPreviewable(self.home)
        self.assertPageIsEditable(self.home)

    def test_staff_can_open_the_settings_and_navigation_forms(self):
        site = Site.objects.get(is_default_site=True)
        for model_name in ("sitesettings", "navigationsettings"):
            url = reverse("wagtailsettings:edit", args=["base", model_name, site.pk])
            assert self.client.get(url).status_code == 200
