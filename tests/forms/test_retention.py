"""Submissions are deleted when their retention period ends, and not before."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forms.models import ContactSubmission, SubmissionNote
from forms.spam import AcceptedPost
from forms.tasks import purge_submissions


def received(page, days_ago, status=ContactSubmission.Status.CLOSED):
    submission = ContactSubmission.objects.create(page=page, form_data={}, status=status)
    ContactSubmission.objects.filter(pk=submission.pk).update(
        submit_time=timezone.now() - timedelta(days=days_ago)
    )
    return submission


def test_purge_keeps_recent_submissions_and_spam(contact_page, settings):
    settings.CONTACT_RETENTION_DAYS = 365
    settings.CONTACT_SPAM_RETENTION_DAYS = 30
    old = received(contact_page, 400)
    SubmissionNote.objects.create(submission=old, text="note")
    recent = received(contact_page, 300)
    old_spam = received(contact_page, 31, ContactSubmission.Status.SPAM)
    recent_spam = received(contact_page, 29, ContactSubmission.Status.SPAM)

    out = StringIO()
    call_command("purge_submissions", "--dry-run", stdout=out)
    assert "2 submission(s) would be deleted" in out.getvalue()
    assert ContactSubmission.objects.count() == 4

    call_command("purge_submissions", stdout=out)
    assert set(ContactSubmission.objects.all()) == {recent, recent_spam}
    assert not SubmissionNote.objects.exists()
    purged = ModelLogEntry.objects.filter(action="forms.submission.purged")
    assert set(purged.values_list("object_id", flat=True)) == {str(old.pk), str(old_spam.pk)}


def test_purge_runs_as_a_task(contact_page):
    received(contact_page, 400)
    result = purge_submissions.enqueue()
    assert result.return_value == 1
    assert not ContactSubmission.objects.exists()


def test_purge_forgets_accepted_posts_after_a_day(contact_page):
    old = AcceptedPost.objects.create(sender="a", token="t1")
    AcceptedPost.objects.filter(pk=old.pk).update(accepted_at=timezone.now() - timedelta(hours=25))
    recent = AcceptedPost.objects.create(sender="a", token="t2")
    purge_submissions.enqueue()
    assert list(AcceptedPost.objects.all()) == [recent]
