"""The production WSGI application, plus the uploaded media for `make audit`.

In production, media comes from S3-compatible storage; the audit keeps it on
disk, so WhiteNoise serves it here, with the long cache lifetime a CDN would
give it. Autorefresh because image renditions appear while pages are audited."""

from django.conf import settings
from whitenoise import WhiteNoise

from newunity.wsgi import application as site_application

application = WhiteNoise(
    site_application,
    root=settings.MEDIA_ROOT,
    prefix=settings.MEDIA_URL,
    autorefresh=True,
    max_age=365 * 24 * 60 * 60,
)
