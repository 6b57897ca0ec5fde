"""Moderators and Content leads (who publish) may pin pages to searches: Wagtail's search promotions, under
Settings > Promoted search results. Superusers may already."""

from django.db import migrations

PROMOTION_PERMISSIONS = {
    "add_searchpromotion": "Can add search promotion",
    "change_searchpromotion": "Can change search promotion",
    "delete_searchpromotion": "Can delete search promotion",
    "view_searchpromotion": "Can view search promotion",
}
GROUPS = ["Moderators", "Content leads"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    promotion_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailsearchpromotions", model="searchpromotion"
    )
    # Permissions are normally created after all migrations have run; create the ones
    # granted here now, exactly as Django would name them.
    permissions = [
        Permission.objects.get_or_create(
            content_type=promotion_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PROMOTION_PERMISSIONS.items()
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailsearchpromotions",
        codename__in=PROMOTION_PERMISSIONS,
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0005_staff_roles"),
        ("wagtailcore", "0002_initial_data"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
