import logging
from dataclasses import dataclass
from http import HTTPMethod

from django.db import DatabaseError, IntegrityError, models, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractFormField,
)
from wagtail.fields import RichTextField

from base.models import SiteSettings
from base.pages import SitePageMixin

from . import spam
from .builder import ContactFormBuilder
from .submissions import ContactSubmission, SubmissionNote  # noqa: F401 (models of this app)
from .tasks import send_acknowledgement, send_staff_notification

logger = logging.getLogger(__name__)

SENT_PARAMETER = "sent"


@dataclass(frozen=True)
class Refusal:
    """Why a post was not stored, shown above the form refilled with what was typed."""

    status: int
    title: str
    message: str
    retry_after: int | None = None


TOO_MANY_THIS_MINUTE = Refusal(
    429,
    "Too many messages in a short time",
    "We could not accept this message, because several were sent from your connection in "
    "the last minute. Nothing from this attempt has been saved; what you wrote is still "
    "below. Please wait a minute, then press Send again.",
    retry_after=60,
)
TOO_MANY_TODAY = Refusal(
    429,
    "Too many messages today",
    "We could not accept this message, because many were sent from your connection today. "
    "Nothing from this attempt has been saved; what you wrote is still below. Please send "
    "it again tomorrow, or reach us directly.",
    retry_after=60 * 60,
)
ALREADY_SENT = Refusal(
    409,
    "This message was already sent",
    "We have already received a message sent from this copy of the form, so this one was "
    "not saved again. If you meant to send another message, check it below and press Send "
    "again.",
)
FORM_TOO_OLD = Refusal(
    409,
    "Please send your message again",
    "This form was open for more than a day, so it was not saved. What you wrote is still "
    "below: check it and press Send again.",
)
SESSION_CHECK_FAILED = Refusal(
    403,
    "Please send your message again",
    "Your browser did not send back the security check this form needs, so nothing was "
    "saved. This happens when a page stays open a long time or cookies are blocked. What "
    "you wrote is still below: press Send again. If it happens again, allow cookies for "
    "this site, or reach us directly.",
)
CANNOT_STORE = Refusal(
    503,
    "Your message could not be saved",
    "Something went wrong on our side and your message was not saved or sent. What you "
    "wrote is still below: please try again in a few minutes, or reach us directly.",
    retry_after=300,
)
CONTACT_FIELD_CHOICES = FORM_FIELD_CHOICES + (
    ("phone", "Phone number"),
    ("service", "Service of interest (from the service pages)"),
    ("acknowledgement", "Acknowledgement (with a link to the privacy policy)"),
)


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactFormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        verbose_name="field type",
        max_length=16,
        choices=CONTACT_FIELD_CHOICES,
        help_text="Phone numbers, the service list and the acknowledgement are checked for you.",
    )
    field_type.required_on_save = True


def default_form_fields():
    """The fields a new contact page starts with; editors may change them afterwards."""
    fields = [
        ContactFormField(
            label="Name",
            field_type="singleline",
            help_text="The name you would like us to use. A first name is fine.",
        ),
        ContactFormField(
            label="Email",
            field_type="email",
            help_text="We only use it to reply to you.",
        ),
        ContactFormField(
            label="Phone",
            field_type="phone",
            required=False,
            help_text="Optional. Include the area code.",
        ),
        ContactFormField(
            label="Preferred contact method",
            field_type="radio",
            choices="Email\nPhone\nText",
            default_value="Email",
        ),
        ContactFormField(
            label="Service of interest",
            field_type="service",
            required=False,
            help_text="Choose one if you know; leave it if you are not sure yet.",
        ),
        ContactFormField(
            label="Message",
            field_type="multiline",
            help_text="Tell us as much or as little as you like.",
        ),
        ContactFormField(
            label="I understand this form is not for emergencies",
            field_type="acknowledgement",
            help_text="In an emergency, call 911. For crisis support, call or text 988.",
        ),
    ]
    # Numbered, as the admin numbers the fields editors add: without it, PostgreSQL may
    # return them in any order, and readers would get a shuffled form.
    for position, field in enumerate(fields):
        field.sort_order = position
    return fields


class ContactFormPage(SitePageMixin, AbstractEmailForm):
    summary_field = "intro"

    intro = RichTextField(blank=True, help_text="Shown above the form.")
    thank_you_text = RichTextField(
        blank=True, help_text="Shown after sending: say what happens next and how soon."
    )
    acknowledgement_enabled = models.BooleanField(
        default=False,
        verbose_name="send an acknowledgement to the sender",
        help_text="Emails the sender a short confirmation. It never repeats what they wrote.",
    )
    acknowledgement_subject = models.CharField(
        max_length=150,
        blank=True,
        default="We have received your message",
        help_text="Subject line of the acknowledgement email.",
    )
    acknowledgement_text = models.TextField(
        blank=True,
        max_length=2000,
        default=(
            "Thank you for getting in touch with New Unity. A member of our team will "
            "reply within two working days.\n\nIf you need help right now, call or text 988 "
            "(Suicide & Crisis Lifeline). In an emergency, call 911."
        ),
        help_text="Plain text. Do not ask people to reply with personal details by email.",
    )

    form_builder = ContactFormBuilder

    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("from_address"),
                        FieldPanel(
                            "to_address",
                            help_text=(
                                "Staff addresses told of each new message, separated by commas. "
                                "The email holds only the service and a link into the admin."
                            ),
                        ),
                    ]
                ),
                FieldPanel("subject", help_text="Subject line of the notification to staff."),
            ],
            heading="Notification email to staff (holds no personal details, only a link)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("acknowledgement_enabled"),
                FieldPanel("acknowledgement_subject"),
                FieldPanel("acknowledgement_text"),
            ],
            heading="Acknowledgement email to the sender",
        ),
    ]

    page_description = (
        "The contact form: its questions, the thank-you message and who is told of new "
        "messages. One per site."
    )
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A page being created (not one loaded from the database or a revision)
        # starts with the default fields.
        if not args and self.pk is None and "form_fields" not in kwargs:
            self.form_fields = default_form_fields()

    def get_submission_class(self):
        return ContactSubmission

    def get_form_class(self, privacy_policy_url=""):
        builder = self.form_builder(self.get_form_fields(), privacy_policy_url=privacy_policy_url)
        return builder.get_form_class()

    def get_form(self, *args, request=None, service_slug=None, **kwargs):
        """The form; for a reader's `request`, its acknowledgement links to the privacy
        policy chosen in the site's settings."""
        form_class = self.get_form_class(privacy_policy_url=self.privacy_policy_url(request))
        form = form_class(*args, **{**self.get_form_parameters(), **kwargs})
        if service_slug:
            form.preselect_service(service_slug)
        return form

    # Readers open the form and send it; anything else answers 405 Method Not Allowed.
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS, HTTPMethod.POST]

    @staticmethod
    def privacy_policy_url(request):
        if request is None:
            return ""
        privacy_page = SiteSettings.for_request(request).live_privacy_page()
        return privacy_page.get_url(request) if privacy_page else ""

    def serve(self, request, *args, **kwargs):
        response = self.serve_form(request, *args, **kwargs)
        # The form holds a fresh timing token: a shared copy would defeat it.
        add_never_cache_headers(response)
        return response

    def serve_form(self, request, *args, **kwargs):
        if request.method == "POST":
            form = self.get_form(request.POST, request=request, page=self, user=request.user)
            if form.is_valid():
                refusal = self.store(request, form)
                if refusal is not None:
                    return self.render_refusal(request, refusal)
                # Redirect, so that reloading the thank-you page cannot send the message twice.
                return redirect(f"{self.get_url(request)}?{SENT_PARAMETER}")
        elif SENT_PARAMETER in request.GET:
            return self.render_landing_page(request, *args, **kwargs)
        else:
            form = self.get_form(
                request=request,
                page=self,
                user=request.user,
                service_slug=request.GET.get("service"),
            )
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)

    def store(self, request, form):
        """Store a valid post, or say why it was not: only stored posts count toward the
        sender's allowance, and a form token is good for one stored message."""
        token = form.cleaned_data.get(spam.TOKEN_FIELD, "")
        if spam.token_state(token) == spam.TOKEN_EXPIRED:
            return FORM_TOO_OLD
        try:
            with transaction.atomic():
                spam.take_turn(request)
                if spam.token_used(token):
                    return ALREADY_SENT
                allowance = spam.exhausted_allowance(request)
                if allowance is not None:
                    return TOO_MANY_TODAY if allowance == "day" else TOO_MANY_THIS_MINUTE
                spam.record_accepted(request, token)
                self.process_form_submission(form)
        except IntegrityError:  # the same token, stored by another post meanwhile
            return ALREADY_SENT
        except DatabaseError:
            logger.exception("a contact message could not be stored")
            return CANNOT_STORE
        return None

    def refilled_form(self, request):
        """A fresh form (with a new timing token) holding what the reader posted."""
        posted = self.get_form(request.POST, request=request, page=self, user=request.user)
        typed = {name: posted[name].data for name in posted.fields if name not in spam.TRAP_FIELDS}
        return self.get_form(request=request, page=self, user=request.user, initial=typed)

    def render_refusal(self, request, refusal):
        context = self.get_context(request)
        context["form"] = self.refilled_form(request)
        context["refusal"] = refusal
        response = TemplateResponse(
            request, self.get_template(request), context, status=refusal.status
        )
        if refusal.retry_after:
            response["Retry-After"] = str(refusal.retry_after)
        add_never_cache_headers(response)
        return response

    def process_form_submission(self, form):
        """Store the submission, then queue its emails once the row is committed:
        a mail server that is down can delay an email but never lose a message."""
        spam_reason = form.spam_reason()
        submission = ContactSubmission.objects.create(
            page=self,
            form_data=form.answers(),
            email=form.sender_email(),
            service=form.chosen_service(),
            status=ContactSubmission.Status.SPAM if spam_reason else ContactSubmission.Status.NEW,
            spam_reason=spam_reason,
            notification_pending=bool(self.to_address) and not spam_reason,
        )
        if not spam_reason:
            submission_id = submission.pk
            if submission.notification_pending:
                transaction.on_commit(lambda: send_staff_notification.enqueue(submission_id))
            if self.acknowledgement_enabled and submission.email:
                transaction.on_commit(lambda: send_acknowledgement.enqueue(submission_id))
        return submission
