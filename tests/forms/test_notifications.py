"""Emails about submissions, through a real SMTP server on loopback."""

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

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
