"""Emails about submissions, through a real SMTP server on loopback."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from forms import notifications
from forms.models import ContactSubmission

from .conftest import valid_answers

PRIVATE_TEXT = ("Jordan Example", "010-9999", "join a peer group", "jordan@example.org")


def submit(client, page, captured, **overrides):
    with captured(execute=True):
        return client.post(page.url, valid_answers(**overrides), follow=True)


def test_one_email_without_personal_details_reaches_the_server(
    client, contact_page, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.start()
    response = submit(client, contact_page, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    submission = ContactSubmission.objects.get()
    assert len(smtp_server.mailbox.messages) == 1
    message = smtp_server.mailbox.messages[0]
    assert message["To"] == "intake@newunity.test"
    raw = message.as_string()
    body = message.get_payload(decode=True).decode()
    for private in PRIVATE_TEXT:
        assert private not in raw
    assert f"http://testserver/admin/contact-inbox/inspect/{submission.pk}/" in body
    submission.refresh_from_db()
    assert not submission.notification_pending
    assert submission.notified_at is not None


def test_service_is_the_only_detail_in_the_email(
    client, contact_page, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.start()
    submission = ContactSubmission.objects.create(
        page=contact_page, form_data={}, service="Peer groups", notification_pending=True
    )
    from forms.notifications import send_staff_notification

    assert send_staff_notification(submission.pk) is True
    assert "Service: Peer groups" in smtp_server.mailbox.messages[0].get_payload()


def test_mail_server_down_then_back(
    client, contact_page, smtp_server, django_capture_on_commit_callbacks
):
    response = submit(client, contact_page, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "your message has been sent" in response.content.decode()
    submission = ContactSubmission.objects.get()
    assert submission.notification_pending
    assert submission.notification_attempts == 1

    # Too soon after the failure: the retry waits.
    call_command("send_pending_notifications", stdout=StringIO())
    assert smtp_server.mailbox.messages == []

    smtp_server.start()
    ContactSubmission.objects.update(
        notification_attempted_at=timezone.now() - timedelta(minutes=5)
    )
    out = StringIO()
    call_command("send_pending_notifications", stdout=out)
    assert "1 notification(s) sent" in out.getvalue()
    assert len(smtp_server.mailbox.messages) == 1
    submission.refresh_from_db()
    assert not submission.notification_pending

    call_command("send_pending_notifications", stdout=StringIO())
    assert len(smtp_server.mailbox.messages) == 1


def test_retry_waits_longer_after_each_failure():
    from forms.notifications import retry_delay

    delays = [retry_delay(n) for n in range(1, 12)]
    assert delays[0] == timedelta(minutes=1)
    assert delays == sorted(delays)
    assert delays[-1] == timedelta(hours=6)


def test_spam_sends_nothing(client, contact_page, smtp_server, django_capture_on_commit_callbacks):
    smtp_server.start()
    submit(client, contact_page, django_capture_on_commit_callbacks, homepage="x")
    assert smtp_server.mailbox.messages == []
    assert not ContactSubmission.objects.get().notification_pending


def test_acknowledgement_is_off_by_default(
    client, contact_page, smtp_server, django_capture_on_commit_callbacks
):
    smtp_server.start()
    submit(client, contact_page, django_capture_on_commit_callbacks)
    assert [m["To"] for m in smtp_server.mailbox.messages] == ["intake@newunity.test"]


def test_acknowledgement_never_echoes_the_message(
    client, contact_page, smtp_server, django_capture_on_commit_callbacks
):
    contact_page.acknowledgement_enabled = True
    contact_page.acknowledgement_subject = "We got it\r\nBcc: victim@example.org"
    contact_page.save()
    smtp_server.start()
    submit(client, contact_page, django_capture_on_commit_callbacks)
    acknowledgement = next(
        m for m in smtp_server.mailbox.messages if m["To"] == "jordan@example.org"
    )
    assert acknowledgement["Subject"] == "We got it Bcc: victim@example.org"
    assert acknowledgement["Bcc"] is None
    raw = acknowledgement.as_string()
    assert "join a peer group" not in raw and "Jordan Example" not in raw
    assert "two working days" in acknowledgement.get_payload(decode=True).decode()
    assert len(smtp_server.mailbox.messages) == 2


def pending_notifications(page, count):
    return [
        ContactSubmission.objects.create(page=page, form_data={}, notification_pending=True)
        for _ in range(count)
    ]


def in_threads(*functions):
    """Run each function in a thread of its own, with a database connection of its own;
    their results, in order (an exception is raised here)."""
    results, errors = [None] * len(functions), []

    def run(position, function):
        try:
            results[position] = function()
        except Exception as error:  # noqa: BLE001 - raised again below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    if errors:
        raise errors[0]
    return results


@pytest.fixture
def claims_in_step(monkeypatch):
    """Two workers each reach every claim holding their own copy of the submission,
    and wait there for the other: both then claim the same attempt at once."""
    both_there = threading.Barrier(2, timeout=30)
    claim = notifications.claim

    def claim_with_the_other(submission):
        both_there.wait()
        return claim(submission)

    monkeypatch.setattr(notifications, "claim", claim_with_the_other)


@pytest.mark.django_db(transaction=True)
def test_of_two_workers_claiming_the_same_attempt_exactly_one_gets_it(contact_page):
    (submission,) = pending_notifications(contact_page, 1)
    copies = [ContactSubmission.objects.get(pk=submission.pk) for _ in range(2)]
    both_there = threading.Barrier(2, timeout=30)

    def claim(copy):
        both_there.wait()
        return notifications.claim(copy)

    claimed = in_threads(lambda: claim(copies[0]), lambda: claim(copies[1]))

    assert sorted(claimed) == [False, True]
    submission.refresh_from_db()
    assert submission.notification_attempts == 1
    # A copy read before that attempt can no longer claim one.
    assert notifications.claim(copies[0]) is False


@pytest.mark.django_db(transaction=True)
def test_two_workers_sending_at_once_send_each_notification_once(
    contact_page, smtp_server, claims_in_step
):
    smtp_server.start()
    submissions = pending_notifications(contact_page, 3)

    sent = in_threads(notifications.send_due_notifications, notifications.send_due_notifications)

    assert sum(sent) == 3
    assert len(smtp_server.mailbox.messages) == 3
    links = sorted(m.get_payload(decode=True).decode() for m in smtp_server.mailbox.messages)
    for submission in submissions:
        assert sum(f"/inspect/{submission.pk}/" in body for body in links) == 1
    assert (
        list(ContactSubmission.objects.values_list("notification_pending", "notification_attempts"))
        == [(False, 1)] * 3
    )


def test_a_dead_mail_server_stops_the_batch_after_one_attempt(contact_page, smtp_server, caplog):
    first, *rest = pending_notifications(contact_page, 4)  # the server is not started

    assert notifications.send_due_notifications() == 0

    assert len([r for r in caplog.records if "not sent" in r.getMessage()]) == 1
    attempts = dict(ContactSubmission.objects.values_list("pk", "notification_attempts"))
    assert attempts == {first.pk: 1, **{s.pk: 0 for s in rest}}
    assert not ContactSubmission.objects.filter(notification_pending=False).exists()
    first.refresh_from_db()
    assert first.notification_attempted_at is not None
    # The one tried waits out its back-off; those never tried are next in line.
    assert [s.pk for s in notifications.due_for_retry()] == [s.pk for s in rest]

    smtp_server.start()
    ContactSubmission.objects.update(
        notification_attempted_at=timezone.now() - notifications.retry_delay(1)
    )
    assert notifications.send_due_notifications() == 4
    assert len(smtp_server.mailbox.messages) == 4
    assert not ContactSubmission.objects.filter(notification_pending=True).exists()
