"""Spam defence without third-party services: a honeypot field, a minimum time
between opening and sending the form, a limit on links, and per-address rate
limits. Suspected spam is stored flagged rather than dropped, so a person
mistaken for a robot loses nothing.

The form's timing token is also good for one stored message: each stored post is
recorded here (`AcceptedPost`), in the database, with the token it carried and a
keyed hash of the sender's address. The rate limits count those records, so only
posts that were stored count, and no cache eviction or outage can reset them."""

import hashlib
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import connection, models
from django.utils import timezone
from django.utils.crypto import salted_hmac

from base.throttle import client_address

HONEYPOT_FIELD = "homepage"
TOKEN_FIELD = "form_token"
TRAP_FIELDS = {HONEYPOT_FIELD, TOKEN_FIELD}
TOKEN_SALT = "forms.contact.opened"
LINK_PATTERN = re.compile(r"https?://|www\.", re.IGNORECASE)
# A form is good for a day after it was opened, and what was sent is remembered that long:
# long enough for the daily limit and for refusing a token twice.
TOKEN_MAX_AGE = timedelta(days=1)

# What a timing token says about the post carrying it.
TOKEN_INVALID = "invalid"  # missing or altered: spam
TOKEN_TOO_FAST = "too fast"  # younger than the minimum fill time: spam
TOKEN_EXPIRED = "expired"  # older than TOKEN_MAX_AGE: the reader is asked to send again
TOKEN_GOOD = "good"


class AcceptedPost(models.Model):
    """A contact post that was stored, kept for `TOKEN_MAX_AGE`: the sender's allowance
    and the form tokens already used are counted from these."""

    sender = models.CharField(max_length=64, help_text="A keyed hash of the sender's address.")
    token = models.CharField(
        max_length=64, blank=True, help_text="A hash of the form token it carried, if valid."
    )
    accepted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["sender", "accepted_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["token"], condition=~models.Q(token=""), name="token_used_once"
            )
        ]

    def __str__(self):
        return f"Post accepted at {self.accepted_at:%Y-%m-%d %H:%M:%S}"


def timing_signer():
    return signing.TimestampSigner(salt=TOKEN_SALT)


def issue_timing_token():
    """A signed token recording when the form was opened, different for every reader."""
    return timing_signer().sign(secrets.token_urlsafe(12))


def token_state(token):
    signer = timing_signer()
    try:
        signer.unsign(token, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        return TOKEN_EXPIRED
    except signing.BadSignature:
        return TOKEN_INVALID
    try:
        signer.unsign(token, max_age=settings.CONTACT_MIN_FILL_SECONDS)
    except signing.SignatureExpired:
        return TOKEN_GOOD  # older than the minimum: a person's pace
    return TOKEN_TOO_FAST


def sent_too_fast(token):
    """True when the token is missing, altered, or younger than the minimum fill time."""
    return token_state(token) in (TOKEN_INVALID, TOKEN_TOO_FAST)


def token_digest(token):
    """What is recorded of a token that was used: "" for one that was never issued."""
    if token_state(token) == TOKEN_INVALID:
        return ""
    return hashlib.sha256(token.encode()).hexdigest()


def token_used(token):
    digest = token_digest(token)
    return bool(digest) and AcceptedPost.objects.filter(token=digest).exists()


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


def sender_key(request):
    # Keyed with the secret key, so the database never holds a guessable address.
    return salted_hmac("forms.contact.rate", client_address(request)).hexdigest()[:32]


def take_turn(request):
    """Inside the transaction that counts and stores a post: wait while another post of
    the same sender is doing so, so that posts sent together cannot all find room in the
    allowance. SQLite's transactions here already take turns (they start as writers, see
    the settings); PostgreSQL's advisory lock on the sender is released at commit."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(sender_key(request)[:15], 16)])


def exhausted_allowance(request):
    """ "minute" or "day" when the sender has used up that allowance of stored posts,
    else None."""
    sender = sender_key(request)
    now = timezone.now()
    limits = (
        ("minute", timedelta(minutes=1), settings.CONTACT_RATE_LIMIT_PER_MINUTE),
        ("day", timedelta(days=1), settings.CONTACT_RATE_LIMIT_PER_DAY),
    )
    for name, period, allowed in limits:
        sent = AcceptedPost.objects.filter(sender=sender, accepted_at__gt=now - period)
        if sent[:allowed].count() >= allowed:
            return name
    return None


def forget_old_posts(now=None):
    """Delete the records no limit or token needs any more (older than a day)."""
    now = now or timezone.now()
    AcceptedPost.objects.filter(accepted_at__lte=now - TOKEN_MAX_AGE).delete()


def record_accepted(request, token):
    """Count a stored post against its sender's allowance and use up its token (an
    IntegrityError when another post used it first). Records past their day go."""
    forget_old_posts()
    AcceptedPost.objects.create(sender=sender_key(request), token=token_digest(token))
