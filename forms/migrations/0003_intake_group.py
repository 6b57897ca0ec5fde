"""The "Intake" group: the only people, with superusers, who may read, export,
change and delete contact submissions."""

from django.db import migrations

INTAKE_PERMISSIONS = {
    "view_contactsubmission": "Can view contact submission",
    "change_contactsubmission": "Can change contact submission",
    "delete_contactsubmission": "Can delete contact submission",
    "export_contactsubmission": "Can export contact submissions",
}


def create_intake_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    submission_type, _ = ContentType.objects.get_or_create(
        app_label="forms", model="contactsubmission"
    )
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    # Permissions are normally created after all migrations have run; create
    # the ones the group needs now, exactly as Django would name them.
    permissions = [
        Permission.objects.get_or_create(
            content_type=submission_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in INTAKE_PERMISSIONS.items()
    ]
    permissions.append(
        Permission.objects.get_or_create(
            content_type=admin_type,
            codename="access_admin",
            defaults={"name": "Can access Wagtail admin"},
        )[0]
    )
    group, _ = Group.objects.get_or_create(name="Intake")
    group.permissions.add(*permissions)


def remove_intake_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Intake").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0002_submissions_and_acknowledgement"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_intake_group, remove_intake_group)]
