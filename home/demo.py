"""Demo content for the site-wide pages. Every loader here is idempotent:
pages are found by slug and left alone when they already exist."""

from wagtail.models import Page, Site

from .models import HomePage, StandardPage


def get_or_create_child(parent, page_class, slug, **fields):
    """The live child of `parent` with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_home_page():
    """The site's home page, replacing the placeholder page Wagtail installs."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="New Unity",
            slug="home",
            intro=(
                "Peer support for mental-health and addiction recovery, from people who have "
                "walked the road themselves."
            ),
        )
        # The placeholder holds the "home" slug at this level.
        Page.objects.filter(depth=2, slug="home").exclude(id=home.id).update(slug="welcome")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="New Unity",
        )
    elif site.root_page_id != home.id:
        placeholder = site.root_page
        site.root_page = home
        site.site_name = "New Unity"
        site.save()
        if type(placeholder.specific) is Page and not placeholder.get_children().exists():
            placeholder.delete()
    return home


def load(home):
    get_or_create_child(
        home,
        StandardPage,
        "about",
        title="About us",
        intro=(
            "New Unity Inc. is a peer-run nonprofit. Everyone who works with you here has lived "
            "experience of mental-health challenges or addiction recovery."
        ),
    )
