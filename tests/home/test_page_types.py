"""Where each page type may be created, as the admin offers it to editors, and that
staff can create them in the admin."""

import re

from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTests
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from base.demo import get_or_create_child
from blog.models import BlogIndexPage, BlogPage
from forms.models import ContactFormPage
from home.models import HomePage, HomePageFeaturedService, StandardPage
from meetings.models import GroupPage
from services.models import ServiceIndexPage, ServicePage
from tests.factories import (
    make_article,
    make_blog_index,
    make_contact_page,
    make_group,
    make_home_page,
    make_meetings_index,
    make_service,
    make_service_index,
    sign_in_verified,
)


def offered(client, parent):
    """The page types the admin's "add child page" offers under `parent`, as
    "app.model" names: none when it refuses, and when it offers one type only it
    goes straight to that type's form."""
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[parent.pk]))
    if response.status_code == 302:
        form = re.search(rf"/pages/add/(\w+)/(\w+)/{parent.pk}/", response["Location"])
        return {".".join(form.groups())} if form else set()
    assert response.status_code == 200
    html = response.content.decode()
    return {".".join(found) for found in re.findall(rf"/pages/add/(\w+)/(\w+)/{parent.pk}/", html)}


def refused(client, page_class, parent):
    """Whether the admin refuses the form for a new `page_class` page under `parent`,
    sending the editor back to the dashboard."""
    opts = page_class._meta
    url = reverse("wagtailadmin_pages:add", args=[opts.app_label, opts.model_name, parent.pk])
    response = client.get(url)
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


class PageTypeRulesTests(WagtailPageTests):
    """What an editor can add where, as the admin offers it."""

    def login(self):
        """Superusers sign in with a code from their authenticator app too; Wagtail's
        assertions below sign the same user in again, which keeps the session's code."""
        self.user = sign_in_verified(self.client, self.create_superuser("admin"))
        return self.user

    @classmethod
    def setUpTestData(cls):
        cls.home = make_home_page()

    def test_a_second_home_page_cannot_be_added(self):
        root = Page.get_first_root_node()
        assert "home.homepage" not in offered(self.client, root)
        assert refused(self.client, HomePage, root)
        assert refused(self.client, HomePage, self.home)

    def test_the_home_page_offers_the_sections_and_each_single_section_once(self):
        assert offered(self.client, self.home) == {
            "blog.blogindexpage",
            "forms.contactformpage",
            "home.standardpage",
            "meetings.meetingsindexpage",
            "services.serviceindexpage",
        }
        make_service_index(self.home)
        make_contact_page(self.home)
        make_blog_index(self.home)
        make_meetings_index(self.home)
        # A site has one blog, one services index, one contact page and one list of
        # meetings.
        assert offered(self.client, self.home) == {"home.standardpage"}
        assert refused(self.client, BlogIndexPage, self.home)
        assert refused(self.client, ServiceIndexPage, self.home)
        assert refused(self.client, ContactFormPage, self.home)

    def test_each_page_type_says_what_it_is_for_where_staff_create_a_page(self):
        html = self.client.get(
            reverse("wagtailadmin_pages:add_subpage", args=[self.home.pk])
        ).content.decode()
        for page_type in (BlogIndexPage, ContactFormPage, StandardPage, ServiceIndexPage):
            assert escape(page_type.page_description.split(",")[0]) in html, page_type

    def test_nothing_but_the_home_page_is_created_outside_the_site(self):
        root = Page.get_first_root_node()
        assert offered(self.client, root) == set()
        assert refused(self.client, StandardPage, root)

    def test_services_are_added_only_under_the_services_index(self):
        services = make_service_index(self.home)
        about = get_or_create_child(self.home, StandardPage, "about", title="About us")
        assert offered(self.client, services) == {"services.servicepage"}
        assert not refused(self.client, ServicePage, services)
        # A service holds its groups, and a group nothing.
        service = make_service(services, "Peer-run groups")
        assert offered(self.client, service) == {"meetings.grouppage"}
        assert offered(self.client, make_group(service, "Evening circle")) == set()
        assert refused(self.client, GroupPage, about)
        assert refused(self.client, ServicePage, self.home)
        assert refused(self.client, ServicePage, about)

    def test_articles_are_added_only_under_the_blog(self):
        blog = make_blog_index(self.home)
        assert offered(self.client, blog) == {"blog.blogpage"}
        assert not refused(self.client, BlogPage, blog)
        assert offered(self.client, make_article(blog, "Finding your people")) == set()
        assert refused(self.client, BlogPage, self.home)
        assert refused(self.client, BlogPage, make_service_index(self.home))

    def test_plain_pages_nest_only_plain_pages(self):
        about = get_or_create_child(self.home, StandardPage, "about", title="About us")
        assert offered(self.client, about) == {"home.standardpage"}
        assert refused(self.client, BlogIndexPage, about)

    def test_staff_create_a_service_page_in_the_admin(self):
        self.assertCanCreate(
            make_service_index(self.home),
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
        service = make_service(make_service_index(self.home), "Peer-run groups")
        self.home.featured_services = [HomePageFeaturedService(service=service)]
        self.home.save_revision().publish()
        # The edit form of a page with a StreamField is built by JavaScript, which these
        # assertions cannot run: the service's form is only opened (creating one is
        # tested above).
        edit_url = reverse("wagtailadmin_pages:edit", args=[service.pk])
        assert self.client.get(edit_url).status_code == 200
        self.assertPageIsPreviewable(self.home, user=self.user)
        sign_in_verified(self.client, self.user)  # the assertion above signed out
        self.assertPageIsEditable(self.home, user=self.user)

    def test_staff_can_open_the_settings_and_navigation_forms(self):
        site = Site.objects.get(is_default_site=True)
        for model_name in ("sitesettings", "navigationsettings"):
            url = reverse("wagtailsettings:edit", args=["base", model_name, site.pk])
            assert self.client.get(url).status_code == 200
