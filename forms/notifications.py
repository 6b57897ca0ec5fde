"""Emails about submissions. The staff notification carries only the service
and a link into the admin: names, contact details and messages stay in the
database, behind the admin's permissions."""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from .submissions import ContactSubmission

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=6)
DEFAULT_SUBJECT = "New message from the contact form"


class NotificationFailed(Exception):
    pass


def single_line(text):
    """Header text with any line break folded away: a header can hold only one line."""
    return " ".join(text.split())


def admin_url(submission):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + submission.get_admin_path()


def retry_delay(attempts):
    """How long to wait after the given number of failed attempts: 1, 2, 4 ... minutes, capped."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def due_for_retry(now=None):
    """Pending notifications whose back-off has elapsed."""
    now = now or timezone.now()
    pending = ContactSubmission.objects.filter(notification_pending=True).order_by("pk")
    return [
        s
        for s in pending.only("pk", "notification_attempts", "notification_attempted_at")
        if s.notification_attempted_at is None
        or s.notification_attempted_at + retry_delay(s.notification_attempts) <= now
    ]


def claim(submission):
    """Mark an attempt as started; False if another process got there first."""
    claimed = ContactSubmission.objects.filter(
        pk=submission.pk,
        notification_pending=True,
        notification_attempts=submission.notification_attempts,
    ).update(
        notification_attempts=F("notification_attempts") + 1,
        notification_attempted_at=timezone.now(),
    )
    return claimed == 1


def send_staff_notification(submission_id):
    """Send the notification for one submission, once. Raises NotificationFailed
    when the mail server refuses or cannot be reached; the submission stays pending."""
    submission = (
        ContactSubmission.objects.filter(pk=submission_id, notification_pending=True)
        .select_related("page")
        .first()
    )
    if submission is None or not claim(submission):
        return False
    page = submission.page.specific if submission.page else None
    recipients = [a.strip() for a in (page.to_address if page else "").split(",") if a.strip()]
    if not recipients:
        ContactSubmission.objects.filter(pk=submission.pk).update(notification_pending=False)
        return False
    message = EmailMessage(
        subject=single_line(page.subject or DEFAULT_SUBJECT),
        body=render_to_string(
            "forms/emails/staff_notification.txt",
            {"submission": submission, "admin_url": admin_url(submission)},
        ),
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        logger.warning(
            "Notification for submission %s not sent (attempt %s): %s",
            submission.pk,
            submission.notification_attempts + 1,
            error,
        )
        raise NotificationFailed(str(error)) from error
    ContactSubmission.objects.filter(pk=submission.pk).update(
        notification_pending=False, notified_at=timezone.now()
    )
    return True


def send_due_notifications():
    """Retry the pending notifications whose back-off has elapsed; returns how many went."""
    sent = 0
    for submission in due_for_retry():
        try:
            sent += send_staff_notification(submission.pk)
        except NotificationFailed:
            break  # the server is still down: try the rest next time
    return sent


def send_acknowledgement(submission_id):
    """A short confirmation to the sender, in the page's own words. It never
    repeats what they wrote; one attempt only, as a failure here loses nothing."""
    submission = ContactSubmission.objects.filter(pk=submission_id).select_related("page").first()
    if submission is None or not submission.email or submission.page is None:
        return False
    page = submission.page.specific
    if not page.acknowledgement_enabled:
        return False
    EmailMessage(
        subject=single_line(page.acknowledgement_subject),
        body=page.acknowledgement_text,
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=[submission.email],
    ).send()
    return True
