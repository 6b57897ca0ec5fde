"""Each site's contact page and privacy policy, chosen in its settings from what was found
by convention until now: the first live contact form page under the site's home page, and
the live page with the slug `privacy-policy` there. A choice already made is kept."""

from django.db import migrations


def first_under(pages, root):
    """The id of the first live page of `pages` at or under `root`, in tree order. (Ids
    only: the contact page's historical model cannot be made into objects.)"""
    live = pages.filter(live=True, path__startswith=root.path).order_by("path")
    return live.values_list("pk", flat=True).first()


def fill_key_pages(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    ContactFormPage = apps.get_model("forms", "ContactFormPage")
    SiteSettings = apps.get_model("base", "SiteSettings")
    for site in Site.objects.select_related("root_page"):
        contact_id = first_under(ContactFormPage.objects.all(), site.root_page)
        privacy_id = first_under(Page.objects.filter(slug="privacy-policy"), site.root_page)
        if contact_id is None and privacy_id is None:
            continue
        site_settings, _ = SiteSettings.objects.get_or_create(site=site)
        site_settings.contact_page_id = site_settings.contact_page_id or contact_id
        site_settings.privacy_page_id = site_settings.privacy_page_id or privacy_id
        site_settings.save(update_fields=["contact_page", "privacy_page"])


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0002_key_pages"),
        ("forms", "0004_number_unordered_form_fields"),
    ]

    operations = [migrations.RunPython(fill_key_pages, migrations.RunPython.noop)]
