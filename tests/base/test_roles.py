"""The staff roles (base/roles.py): what each may reach in the admin, as their members
find it. The browser journeys (tests/browser/test_editorial.py) walk their tasks."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

from base.roles import CONTENT_LEADS, EDITORS, MODERATORS, set_up_roles

# What only Content leads manage, among staff who are not superusers.
CONTENT_LEAD_PAGES = [
    "/admin/snippets/blog/author/add/",
    "/admin/snippets/blog/blogcategory/add/",
    "/admin/settings/base/sitesettings/",
    "/admin/settings/base/navigationsettings/",
    "/admin/redirects/add/",
]
AUTHOR_CHOOSER = "/admin/snippets/choose/blog/author/"


@pytest.fixture
def member(client, home_page):
    def sign_in(role):
        user = User.objects.create_user(f"member-of-{role}".replace(" ", "-"), password="x")
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return sign_in


def reaches(client, url):
    """Whether the page opens (settings pages lead on to the site's own), rather than
    leading back to the dashboard with "Sorry, you do not have permission"."""
    response = client.get(url, follow=True)
    return response.status_code == 200 and response.request["PATH_INFO"].startswith(url)


def test_the_migration_made_the_roles_and_running_it_again_changes_nothing(db):
    groups = {group.name: group for group in Group.objects.prefetch_related("permissions")}
    assert {EDITORS, MODERATORS, CONTENT_LEADS, "Intake"} <= set(groups)
    counts = {name: group.permissions.count() for name, group in groups.items()}
    set_up_roles(apps)
    assert {g.name: g.permissions.count() for g in Group.objects.all()} == counts


@pytest.mark.parametrize("role", [EDITORS, MODERATORS])
def test_editors_and_moderators_choose_authors_but_leave_adding_them_to_content_leads(member, role):
    client = member(role)
    for url in CONTENT_LEAD_PAGES:
        assert not reaches(client, url), url
    chooser = client.get(AUTHOR_CHOOSER)
    assert chooser.status_code == 200
    assert "Add an author" not in chooser.json()["html"]


def test_content_leads_manage_authors_categories_menus_settings_and_redirects(member):
    client = member(CONTENT_LEADS)
    for url in CONTENT_LEAD_PAGES:
        assert reaches(client, url), url
    assert "Add an author" in client.get(AUTHOR_CHOOSER).json()["html"]
