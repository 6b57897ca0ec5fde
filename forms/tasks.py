"""Background tasks (django-tasks). django-tasks has no automatic retries: a
failed notification stays marked pending and `manage.py send_pending_notifications`
(run on a timer, or as the task below) sends it again with back-off."""

from django_tasks import task

from . import notifications, retention


@task()
def send_staff_notification(submission_id):
    return notifications.send_staff_notification(submission_id)


@task()
def send_acknowledgement(submission_id):
    return notifications.send_acknowledgement(submission_id)


@task()
def send_pending_notifications():
    """Retry every pending notification whose back-off has elapsed."""
    return notifications.send_due_notifications()


@task()
def purge_submissions():
    """Delete submissions past their retention period."""
    return retention.purge()
