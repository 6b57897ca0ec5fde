"""Unread messages: `opened_at` records when staff first opened a message. Messages already
opened (the audit log says so) or already handled are not shown as unread afterwards."""

from django.db import migrations, models
from django.db.models import Min


def mark_opened_messages(apps, schema_editor):
    ContactSubmission = apps.get_model("forms", "ContactSubmission")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    first_views = dict(
        ModelLogEntry.objects.filter(action="forms.submission.viewed")
        .values("object_id")
        .annotate(first=Min("timestamp"))
        .values_list("object_id", "first")
    )
    for submission in ContactSubmission.objects.filter(opened_at__isnull=True).iterator():
        opened = first_views.get(str(submission.pk))
        if opened is None and submission.status != "new":
            opened = submission.submit_time
        if opened is not None:
            submission.opened_at = opened
            submission.save(update_fields=["opened_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0006_intake_two_factor"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactsubmission",
            name="opened_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When someone on staff first opened it: until then it is unread.",
                null=True,
                verbose_name="first opened",
            ),
        ),
        migrations.RunPython(mark_opened_messages, migrations.RunPython.noop),
    ]
