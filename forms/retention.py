"""How long submissions are kept: CONTACT_RETENTION_DAYS for messages,
CONTACT_SPAM_RETENTION_DAYS for suspected spam; a day for the records of accepted posts
the rate limits count."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import spam
from .audit import log_many
from .submissions import ContactSubmission


def expired_submissions(now=None):
    now = now or timezone.now()
    spam = ContactSubmission.Status.SPAM
    return ContactSubmission.objects.filter(
        Q(status=spam, submit_time__lt=now - timedelta(days=settings.CONTACT_SPAM_RETENTION_DAYS))
        | Q(submit_time__lt=now - timedelta(days=settings.CONTACT_RETENTION_DAYS))
    )


@transaction.atomic
def purge(now=None):
    """Delete expired submissions (and their notes), and the records of accepted posts
    past their day (`spam.AcceptedPost`); returns how many submissions went."""
    spam.forget_old_posts(now)
    expired = list(expired_submissions(now).only("pk"))
    log_many(expired, "forms.submission.purged")
    ContactSubmission.objects.filter(pk__in=[s.pk for s in expired]).delete()
    return len(expired)
