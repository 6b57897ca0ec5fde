"""Audit-log entries for submissions, in Wagtail's own log (Reports > Site history)."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from .submissions import ContactSubmission

ACTIONS = {
    "forms.submission.listed": ("Inbox listed", "The inbox listing was shown"),
    "forms.submission.viewed": ("Viewed", "Opened"),
    "forms.submission.exported": ("Exported", "Exported to a spreadsheet"),
    "forms.submission.status_changed": ("Status changed", "Status changed"),
    "forms.submission.note_added": ("Note added", "Note added"),
    "forms.submission.assigned": ("Assigned", "Assigned"),
    "forms.submission.purged": ("Purged", "Deleted at the end of its retention period"),
    "forms.submission.erased": ("Erased on request", "Deleted at the sender's request"),
}


INBOX_OBJECT_ID = "0"


def submission_type():
    return ContentType.objects.get_for_model(ContactSubmission, for_concrete_model=False)


def log_listing(submissions, user, data=None):
    """One entry for one look at the inbox listing, naming the submissions it showed in
    its data (`shown`): the log grows with the views of the inbox, not with the rows.
    Its object is the inbox as a whole: submission 0, which no submission is."""
    ModelLogEntry.objects.create(
        content_type=submission_type(),
        object_id=INBOX_OBJECT_ID,
        label="Contact inbox",
        action="forms.submission.listed",
        timestamp=timezone.now(),
        user=user,
        data={**(data or {}), "shown": [submission.pk for submission in submissions]},
    )


def log_many(submissions, action, user=None, data=None):
    """One log entry per submission, written in a single query whatever the count."""
    if not submissions:
        return
    content_type = submission_type()
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
