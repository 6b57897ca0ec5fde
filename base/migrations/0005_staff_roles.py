"""The staff roles: Editors, Moderators and Content leads (base/roles.py)."""

from django.db import migrations

from base.roles import set_up_roles


def create_roles(apps, schema_editor):
    set_up_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("base", "0004_phone_default"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    # Reversing keeps the groups: people may belong to them by then.
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
