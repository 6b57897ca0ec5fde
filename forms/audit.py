"""Audit-log entries for submissions, in Wagtail's own log (Reports > Site history)."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

ACTIONS = {
    "forms.submission.listed": ("Listed", "Shown in the inbox listing"),
    "forms.submission.viewed": ("Viewed", "Opened"),
    "forms.submission.exported": ("Exported", "Exported to a spreadsheet"),
    "forms.submission.status_changed": ("Status changed", "Status changed"),
    "forms.submission.note_added": ("Note added", "Note added"),
    "forms.submission.purged": ("Purged", "Deleted at the end of its retention period"),
    "forms.submission.erased": ("Erased on request", "Deleted at the sender's request"),
}


def log_many(submissions, action, user=None, data=None):
    """One log entry per submission, written in a single query whatever the count."""
    if not submissions:
        return
    content_type = ContentType.objects.get_for_model(submissions[0], for_concrete_model=False)
    shared_uuid = uuid.uuid4()
    now = timezone.now()
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=content_type,
            object_id=str(submission.pk),
            label=str(submission),
            action=action,
            timestamp=now,
            user=user,
            uuid=shared_uuid,
            data=data or {},
        )
        for submission in submissions
    )
