from base64 import b32encode

from django import template

register = template.Library()


@register.filter
def timedelta_minutes(value):
    """A duration in whole minutes, e.g. for "paused for 15 minutes"."""
    return round(value.total_seconds() / 60)


@register.filter
def totp_secret(device):
    """A TOTP device's key as authenticator apps ask for it when typed in: base32, in
    groups of four letters."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
