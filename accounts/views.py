"""Limits on guessing: password reset requests, and the passwords of private pages and
documents. Staff sign-in itself is limited by django-axes (settings: AXES_*)."""

from functools import wraps

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django_otp.forms import OTPTokenForm
from wagtail.admin.views.account import PasswordResetView
from wagtail_2fa.forms import DeviceForm as TwoFactorDeviceForm
from wagtail_2fa.views import DeviceCreateView, DeviceUpdateView
from wagtail_2fa.views import LoginView as TwoFactorLoginView

from base.throttle import Throttle, client_address

PASSWORD_RESETS = Throttle(
    "password-reset", "PASSWORD_RESET_LIMIT", "PASSWORD_RESET_WINDOW_MINUTES"
)
PRIVATE_PASSWORDS = Throttle(
    "private-password", "PRIVATE_PASSWORD_LIMIT", "PRIVATE_PASSWORD_WINDOW_MINUTES"
)


class ThrottledPasswordResetView(PasswordResetView):
    """Wagtail's password reset form, sending at most PASSWORD_RESET_LIMIT emails per
    window for one address and for one email address, so it cannot flood a mailbox."""

    def form_valid(self, form):
        address = client_address(self.request)
        email = form.cleaned_data["email"].strip().lower()
        if PASSWORD_RESETS.exhausted("address", address) or PASSWORD_RESETS.exhausted(
            "email", email
        ):
            form.add_error(
                None,
                "Too many password reset requests have been made in a short time. "
                f"Please wait {PASSWORD_RESETS.minutes} minutes and try again, "
                "or ask a colleague who manages staff accounts to help you.",
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        PASSWORD_RESETS.count("address", address)
        PASSWORD_RESETS.count("email", email)
        return super().form_valid(form)


WRONG_CODE = (
    "That code did not work. Type the 6-digit code the app shows now (it changes every 30 seconds)."
)


class TwoFactorCodeForm(OTPTokenForm):
    """django-otp's code form, in the words of the sign-in page rather than "token"."""

    otp_error_messages = dict(
        OTPTokenForm.otp_error_messages,
        token_required="Type the 6-digit code your authenticator app shows.",
        invalid_token=WRONG_CODE,
        n_failed_attempts="After a wrong code, codes are checked again only after a few "
        "seconds: wait a moment, then type the code the app shows then.",
        verification_not_allowed="Codes cannot be checked just now: wait a moment, then try again.",
        device_required="Choose which app you use.",
    )


class TwoFactorCodeView(TwoFactorLoginView):
    """wagtail-2fa's second sign-in step, checking the code with django-otp's own form.
    Since django-otp 1.7.4 a code is checked only against the device the form names,
    which wagtail-2fa 1.8.0's form does not send: with it, no code is ever accepted."""

    form_class = TwoFactorCodeForm
    template_name = "accounts/two_factor_code.html"


class DeviceForm(TwoFactorDeviceForm):
    """wagtail-2fa's form to add (or rename) an authenticator app, its errors in the
    words of the page rather than "Invalid token"."""

    def clean_otp_token(self):
        try:
            return super().clean_otp_token()
        except ValidationError as error:
            raise ValidationError(WRONG_CODE, code="invalid") from error

    def clean_password(self):
        try:
            return super().clean_password()
        except ValidationError as error:
            raise ValidationError(
                "That is not your current password: type the one you signed in with.",
                code="invalid",
            ) from error


class NewDeviceView(DeviceCreateView):
    form_class = DeviceForm


class RenameDeviceView(DeviceUpdateView):
    form_class = DeviceForm


def throttle_wrong_passwords(view):
    """Wrap Wagtail's view that checks a private page's (or document collection's)
    password: after PRIVATE_PASSWORD_LIMIT wrong passwords from one address for one
    restriction, every try is refused until the window ends, the right password too."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        who = (client_address(request), request.path)
        if PRIVATE_PASSWORDS.exhausted(*who):
            context = {"minutes": PRIVATE_PASSWORDS.minutes}
            return render(request, "accounts/too_many_passwords.html", context, status=429)
        response = view(request, *args, **kwargs)
        if response.status_code != 302:  # the form again: a wrong password
            PRIVATE_PASSWORDS.count(*who)
        return response

    return wrapped
