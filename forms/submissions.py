"""The messages the contact form stores, and the notes staff add as they handle them.
Their own module, below the page, the notifications and the tasks, which all read them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from wagtail.contrib.forms.models import AbstractFormSubmission
from wagtail.models import Page

from .builder import NAME_FIELDS


class ContactSubmission(AbstractFormSubmission):
    """A message sent through the contact form, with its handling by staff."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        CLOSED = "closed", "Closed"
        SPAM = "spam", "Spam"

    # Kept when the form page is deleted: submissions outlive the page.
    page = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submit_time = models.DateTimeField(verbose_name="received", auto_now_add=True, db_index=True)
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        db_index=True,
        help_text="Where this message is in its handling.",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The staff member looking after this message.",
    )
    service = models.CharField(
        max_length=255, blank=True, help_text="The service chosen on the form, if any."
    )
    email = models.EmailField(
        blank=True, db_index=True, help_text="The sender's address, for deletion on request."
    )
    opened_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name="first opened",
        help_text="When someone on staff first opened it: until then it is unread.",
    )
    spam_reason = models.CharField(
        max_length=255, blank=True, help_text="Why this was flagged as spam, if it was."
    )
    notification_pending = models.BooleanField(
        default=False, db_index=True, help_text="The staff notification email is still to go."
    )
    notification_attempts = models.PositiveIntegerField(
        default=0, help_text="How many times sending the staff notification was tried."
    )
    notification_attempted_at = models.DateTimeField(
        null=True, blank=True, help_text="When sending the notification was last tried."
    )
    notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When the staff notification was sent."
    )

    class Meta:
        verbose_name = "contact submission"
        verbose_name_plural = "contact submissions"
        ordering = ["-submit_time", "-pk"]
        permissions = [("export_contactsubmission", "Can export contact submissions")]

    def __str__(self):
        # Shown in the admin and the audit log: never any personal detail.
        return f"Submission {self.pk}"

    def get_admin_path(self):
        return reverse("wagtailsnippets_forms_contactsubmission:inspect", args=[self.pk])

    @property
    def is_unread(self):
        return self.opened_at is None

    def answer(self, clean_name):
        return self.form_data.get(clean_name, "")

    @property
    def sender_name(self):
        """The answer to the form's name field, under any of the names it may have."""
        names = (self.answer(name) for name in NAME_FIELDS)
        return next((name for name in names if name), "")


class SubmissionNote(models.Model):
    """An internal note written by staff about a submission."""

    submission = models.ForeignKey(
        ContactSubmission, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        help_text="Who wrote the note.",
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the note was written.")
    text = models.TextField(
        max_length=5000, help_text="Only staff who can read submissions see it."
    )

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Note {self.pk} on submission {self.submission_id}"
