"""Spam defence without third-party services: a honeypot field, a minimum time
between opening and sending the form, a limit on links, and per-address rate
limits. Suspected spam is stored flagged rather than dropped, so a person
mistaken for a robot loses nothing."""

import re

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

from base.throttle import client_address

HONEYPOT_FIELD = "homepage"
TOKEN_FIELD = "form_token"
TRAP_FIELDS = {HONEYPOT_FIELD, TOKEN_FIELD}
TOKEN_SALT = "forms.contact.opened"
LINK_PATTERN = re.compile(r"https?://|www\.", re.IGNORECASE)


def issue_timing_token():
    """A signed token recording when the form was opened."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign("opened")


def sent_too_fast(token):
    """True when the token is missing, altered, or younger than the minimum fill time."""
    signer = signing.TimestampSigner(salt=TOKEN_SALT)
    try:
        signer.unsign(token, max_age=settings.CONTACT_MIN_FILL_SECONDS)
    except signing.SignatureExpired:
        return False  # older than the minimum: a person's pace
    except signing.BadSignature:
        return True
    return True


def count_links(answers):
    return sum(len(LINK_PATTERN.findall(v)) for v in answers.values() if isinstance(v, str))


def spam_reason(honeypot, timing_token, answers):
    if honeypot:
        return "The hidden field was filled in."
    if sent_too_fast(timing_token):
        return (
            f"Sent less than {settings.CONTACT_MIN_FILL_SECONDS} seconds after the form "
            "was opened, or without a valid form token."
        )
    links = count_links(answers)
    if links > settings.CONTACT_MAX_LINKS:
        return f"Contains {links} links."
    return ""


def over_rate_limit(request):
    """Count this post against the sender's per-minute and per-day allowances."""
    # Keyed with the secret key, so the cache never holds a guessable address.
    address = salted_hmac("forms.contact.rate", client_address(request)).hexdigest()[:32]
    limits = (
        ("minute", 60, settings.CONTACT_RATE_LIMIT_PER_MINUTE),
        ("day", 60 * 60 * 24, settings.CONTACT_RATE_LIMIT_PER_DAY),
    )
    over = False
    for name, seconds, allowed in limits:
        key = f"contact-rate:{name}:{address}"
        cache.add(key, 0, timeout=seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=seconds)
            count = 1
        over = over or count > allowed
    return over
