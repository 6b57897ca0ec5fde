"""How the contact page's editable fields become a Django form: every field
gets a length limit and a check for invisible control characters, single-line
fields lose invisible formatting characters, and the form carries the spam traps
and accessible error reporting."""

import re
import unicodedata

import django.forms
from django.apps import apps
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.html import format_html
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from . import spam

SINGLE_LINE_MAX_LENGTH = 255
EMAIL_MAX_LENGTH = 254
PHONE_MAX_LENGTH = 40
URL_MAX_LENGTH = 2000

# Tabs and line breaks belong in a message; no other control character does.
# Single-line fields accept none at all, so no value can break an email header.
MULTI_LINE_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
SINGLE_LINE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_CHARACTER_MESSAGE = (
    "This contains invisible control characters, which can come from copying and pasting. "
    "Please retype it or remove them."
)

validate_single_line = RegexValidator(
    SINGLE_LINE_FORBIDDEN, CONTROL_CHARACTER_MESSAGE, inverse_match=True
)
validate_multi_line = RegexValidator(
    MULTI_LINE_FORBIDDEN, CONTROL_CHARACTER_MESSAGE, inverse_match=True
)
validate_phone = RegexValidator(
    r"^\+?[0-9 ().\-]{7,25}((ext\.?|x) ?[0-9]{1,6})?$",
    "Enter a phone number using digits, spaces, brackets or dashes, like (555) 010-2040.",
)


# Zero-width non-joiner and joiner: part of how words are spelled in Persian and in the
# scripts of India, and of emoji such as families and flags with more than one person.
JOINERS = "\u200c\u200d"


def without_formatting_characters(text, keep=""):
    """`text` without the invisible characters that change how text shows (Unicode's
    "format" category): right-to-left overrides, which can make a name read backwards
    in the inbox, zero-width spaces, byte-order marks; joiners too, unless in `keep`.
    Pasting from other apps often brings them along, so they are removed rather than
    refused."""
    return "".join(c for c in text if c in keep or unicodedata.category(c) != "Cf")


class WithoutFormattingCharacters:
    """For single-line fields: formatting characters are removed before anything else.
    Text fields keep joiners inside words; addresses keep none."""

    keep = ""

    def to_python(self, value):
        if isinstance(value, str):
            value = without_formatting_characters(value, self.keep).strip().strip(JOINERS)
        return super().to_python(value)


class SingleLineField(WithoutFormattingCharacters, django.forms.CharField):
    keep = JOINERS


class EmailAddressField(WithoutFormattingCharacters, django.forms.EmailField):
    pass


class WebAddressField(WithoutFormattingCharacters, django.forms.URLField):
    pass


# What editors may call the sender's name field: browsers fill it in, the inbox lists it.
NAME_FIELDS = ("name", "your_name", "full_name")
AUTOCOMPLETE_BY_CLEAN_NAME = dict.fromkeys(NAME_FIELDS, "name")


def public_services():
    """(slug, title) of each live, public service page, in site order."""
    service_page = apps.get_model("services", "ServicePage")
    return list(service_page.objects.live().public().order_by("path").values_list("slug", "title"))


class ContactForm(BaseForm):
    """The form readers fill in, plus two fields they never see: a honeypot and
    a signed token holding the time the form was opened."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[spam.HONEYPOT_FIELD] = django.forms.CharField(
            required=False,
            max_length=SINGLE_LINE_MAX_LENGTH,
            label="Leave this field empty",
            widget=django.forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.fields[spam.TOKEN_FIELD] = django.forms.CharField(
            required=False,
            max_length=SINGLE_LINE_MAX_LENGTH,
            initial=spam.issue_timing_token,
            widget=django.forms.HiddenInput,
        )
        self.describe_fields()

    @property
    def answer_fields(self):
        return [field for field in self if field.name not in spam.TRAP_FIELDS]

    @property
    def honeypot(self):
        return self[spam.HONEYPOT_FIELD]

    @property
    def timing_token(self):
        return self[spam.TOKEN_FIELD]

    def error_target_id(self, bound_field):
        """The id of the control a summary link should move focus to."""
        widget = bound_field.field.widget
        if isinstance(widget, django.forms.RadioSelect | django.forms.CheckboxSelectMultiple):
            return f"{bound_field.auto_id}_0"
        return bound_field.auto_id

    def error_summary(self):
        """(target id, label, message) for each error, in the order of the form."""
        summary = [(None, None, error) for error in self.non_field_errors()]
        for field in self.answer_fields:
            summary += [(self.error_target_id(field), field.label, e) for e in field.errors]
        return summary

    def full_clean(self):
        super().full_clean()
        self.describe_fields(self.errors)

    def describe_fields(self, errors=None):
        """Tie each control to its help text and error message."""
        for name, field in self.fields.items():
            # A group's fieldset carries the description (see the field template).
            if name in spam.TRAP_FIELDS or field.widget.use_fieldset:
                continue
            bound = self[name]
            described_by = []
            if field.help_text:
                described_by.append(f"{bound.auto_id}_helptext")
            if errors and name in errors:  # only once validated
                described_by.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)

    def preselect_service(self, slug):
        title = dict(public_services()).get(slug)
        if title is None:
            return
        for name, field in self.fields.items():
            if getattr(field, "is_service_field", False):
                self.initial[name] = title

    def answers(self):
        """What the reader wrote, keyed by field name, without the spam traps."""
        return {k: v for k, v in self.cleaned_data.items() if k not in spam.TRAP_FIELDS}

    def sender_email(self):
        for name, field in self.fields.items():
            if isinstance(field, django.forms.EmailField) and self.cleaned_data.get(name):
                return self.cleaned_data[name]
        return ""

    def chosen_service(self):
        for name, field in self.fields.items():
            if getattr(field, "is_service_field", False) and self.cleaned_data.get(name):
                return self.cleaned_data[name]
        return ""

    def spam_reason(self):
        """Why this looks like spam, or an empty string."""
        return spam.spam_reason(
            honeypot=self.cleaned_data.get(spam.HONEYPOT_FIELD, ""),
            timing_token=self.cleaned_data.get(spam.TOKEN_FIELD, ""),
            answers=self.answers(),
        )


class ContactFormBuilder(FormBuilder):
    """With `privacy_policy_url`, the acknowledgement links to the privacy policy."""

    def __init__(self, fields, *, privacy_policy_url=""):
        super().__init__(fields)
        self.privacy_policy_url = privacy_policy_url

    def get_form_class(self):
        return type("ContactPageForm", (ContactForm,), self.formfields)

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = {
            "required": "Please fill this in.",
            "max_length": (
                "Please keep this to %(limit_value)d characters or fewer (it has %(show_value)d)."
            ),
        }
        return options

    def create_singleline_field(self, field, options):
        attrs = {}
        if field.clean_name in AUTOCOMPLETE_BY_CLEAN_NAME:
            attrs["autocomplete"] = AUTOCOMPLETE_BY_CLEAN_NAME[field.clean_name]
        return SingleLineField(
            max_length=SINGLE_LINE_MAX_LENGTH,
            validators=[validate_single_line],
            widget=django.forms.TextInput(attrs=attrs),
            **options,
        )

    def create_multiline_field(self, field, options):
        return django.forms.CharField(
            max_length=settings.CONTACT_MESSAGE_MAX_LENGTH,
            validators=[validate_multi_line],
            widget=django.forms.Textarea(attrs={"rows": 8}),
            **options,
        )

    def create_email_field(self, field, options):
        return EmailAddressField(
            max_length=EMAIL_MAX_LENGTH,
            widget=django.forms.EmailInput(attrs={"autocomplete": "email"}),
            **options,
        )

    def create_phone_field(self, field, options):
        return SingleLineField(
            max_length=PHONE_MAX_LENGTH,
            validators=[validate_single_line, validate_phone],
            widget=django.forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            **options,
        )

    def create_url_field(self, field, options):
        return WebAddressField(max_length=URL_MAX_LENGTH, assume_scheme="https", **options)

    def create_number_field(self, field, options):
        return django.forms.DecimalField(max_digits=20, **options)

    def create_hidden_field(self, field, options):
        return SingleLineField(
            max_length=SINGLE_LINE_MAX_LENGTH,
            validators=[validate_single_line],
            widget=django.forms.HiddenInput,
            **options,
        )

    def create_service_field(self, field, options):
        options["choices"] = [("", "Not sure yet")] + [
            (title, title) for _, title in public_services()
        ]
        options["initial"] = ""
        form_field = django.forms.ChoiceField(**options)
        form_field.is_service_field = True
        return form_field

    def create_acknowledgement_field(self, field, options):
        options["required"] = True
        options["initial"] = False
        if self.privacy_policy_url:
            options["help_text"] = format_html(
                '{} <a href="{}">Read how we look after what you send</a>.',
                options["help_text"],
                self.privacy_policy_url,
            )
        options["error_messages"]["required"] = "Please tick this box to confirm you have read it."
        return django.forms.BooleanField(**options)
