"""The Intake group reads health information: its members must sign in with a code
from an authenticator app as well as their password (wagtail-2fa's "Enable 2FA"
permission, which makes two-factor sign-in required for whoever has it)."""

from django.db import migrations


def require_two_factor(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    permission, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="enable_2fa", defaults={"name": "Enable 2FA"}
    )
    group, _ = Group.objects.get_or_create(name="Intake")
    group.permissions.add(permission)


def stop_requiring_two_factor(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Intake"):
        group.permissions.remove(*group.permissions.filter(codename="enable_2fa"))


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0005_accepted_posts"),
        ("wagtail_2fa", "0001_initial"),
    ]

    operations = [migrations.RunPython(require_two_factor, stop_requiring_two_factor)]
