"""Settings shared by every environment. Everything that differs between
machines comes from environment variables; `.env.example` documents each one."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

import dj_database_url
from csp.constants import NONE, SELF

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# On the contact page, a failed check shows the form again with what the reader typed.
CSRF_FAILURE_VIEW = "forms.csrf.csrf_failure"

INSTALLED_APPS = [
    # The project's apps, top layer first (ARCHITECTURE.md): each imports only those below.
    "home",
    "search",
    "meetings",
    "blog",
    "services",
    "forms",
    "accounts",
    "base",
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    # Before wagtail.admin: it adds the editor's "Import from a Word document" button.
    "wagtail_content_import",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "base.security.ContentSecurityPolicyMiddleware",
    "base.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "base.tracking.TrackingParametersMiddleware",
    # Before sessions, CSRF and auth: a page served from the cache needs none of them.
    "base.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Staff who must use two-factor sign-in, or who have set it up, reach the admin only
    # after entering a code (accounts/, wagtail-2fa).
    "wagtail_2fa.middleware.VerifyUserPermissionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Admin search text the search backends can take (base/search_text.py).
    "base.search_text.AdminSearchTextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in with its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newunity.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "newunity.wsgi.application"

# Database: DATABASE_URL, or a SQLite file in the project. Each process keeps its
# connection for DATABASE_CONN_MAX_AGE seconds: opening one on every request (for
# SQLite, with the settings below, then reading the schema again) cost an uncached
# page about 2.7 ms of CPU, 15% of its cost.
# SQLite runs in WAL mode with IMMEDIATE transactions: a writer takes the lock when
# its transaction starts and others wait (up to `timeout` seconds) instead of failing
# with "database is locked" halfway through.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The file is opened, never created: only `manage.py migrate` makes it
    # (base/management/commands/migrate.py). A file gone missing then fails loudly, and
    # /healthz says so, instead of being silently replaced by an empty database.
    if DATABASES["default"]["NAME"] != ":memory:":
        DATABASES["default"]["NAME"] = f"file:{quote(str(DATABASES['default']['NAME']))}?mode=rw"
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, otherwise this process's memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Image renditions have a cache of their own (Wagtail looks for "renditions"). Renditions
# change only when an image does, which removes them: kept a day, not 5 minutes.
# Wagtail's rendition cache is used as it is, with Django's own cache backends.
RENDITIONS_CACHE_TIMEOUT = 60 * 60 * 24
if REDIS_URL:
    shared_redis = {
        # Django's Redis backend, where a server that cannot be reached is a miss
        # (base/cache.py): pages are then made afresh, and nothing fails.
        "BACKEND": "base.cache.OutageTolerantRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newunity"),
        # A Redis that stops answering costs a request at most one of these timeouts:
        # the backend then leaves it alone for a few seconds.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }
    CACHES = {
        "default": shared_redis,
        "renditions": {**shared_redis, "TIMEOUT": RENDITIONS_CACHE_TIMEOUT},
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "TIMEOUT": RENDITIONS_CACHE_TIMEOUT,
        },
    }

# Full-page cache for anonymous readers (base/page_cache.py). On by default only
# with Redis: a per-process memory cache would not hear about edits made through
# another process. PAGE_CACHE_MAX_AGE is what browsers and CDNs may keep a page for.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=bool(REDIS_URL))
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = env_int("PAGE_CACHE_TIMEOUT", 60 * 60)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)
# Parts of pages kept under the same generation with Django's {% cache %} tag
# (templates/includes/cached_fragment.html), for requests the page cache does not serve.
# On by default only with Redis, for the same reason.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", default=bool(REDIS_URL))

# Optional CDN purge on publish (wagtail.contrib.frontend_cache): Cloudflare, or any
# cache that accepts HTTP PURGE requests (Varnish, nginx) at FRONTEND_CACHE_PURGE_URL.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
    }
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# Staff sign-in (accounts/; docs/deploy.md, "Staff accounts").
# django-axes counts failed sign-ins per username and address together: after
# SIGN_IN_FAILURE_LIMIT of them that account is locked for that address (so nobody can
# lock a colleague out from elsewhere) until SIGN_IN_LOCKOUT_MINUTES pass or someone
# with the "delete access attempt" permission unlocks it under Settings > Sign-in lockouts.
# AxesBackend only refuses locked-out sign-ins; the ModelBackend after it signs people in.
# It is a ModelBackend too, so code that takes the first backend finds users through it.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "base.throttle.client_address"
# Only failures are worth keeping: no row per successful sign-in or sign-out.
AXES_DISABLE_ACCESS_LOG = True
# Two-factor sign-in with an authenticator app (wagtail-2fa on django-otp's TOTP):
# required for superusers and for groups with the "Enable 2FA" permission (the Intake
# group has it), open to every other staff member from their account menu.
WAGTAIL_2FA_REQUIRED = True
OTP_TOTP_ISSUER = "New Unity"
# Password reset requests, and passwords of private pages and documents, tried from one
# address (and for one account or one private page) within the window (accounts/views.py),
# counted in the database (base/throttle.py).
PASSWORD_RESET_LIMIT = env_int("PASSWORD_RESET_LIMIT", 5)
PASSWORD_RESET_WINDOW_MINUTES = env_int("PASSWORD_RESET_WINDOW_MINUTES", 60)
PRIVATE_PASSWORD_LIMIT = env_int("PRIVATE_PASSWORD_LIMIT", 10)
PRIVATE_PASSWORD_WINDOW_MINUTES = env_int("PRIVATE_PASSWORD_WINDOW_MINUTES", 15)
# Staff are signed out after SESSION_IDLE_MINUTES without a request: each request moves
# the session's expiry on. Only signed-in staff (and readers who opened a private page)
# have a session: other readers cost no write.
SESSION_COOKIE_AGE = 60 * env_int("SESSION_IDLE_MINUTES", 30)
SESSION_SAVE_EVERY_REQUEST = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

# Static files: hashed names, compressed, served by WhiteNoise with far-future caching.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Media: S3-compatible storage when AWS_STORAGE_BUCKET_NAME is set, local files otherwise.
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def s3_media_storage(environ):
    """The storage for media in the S3-compatible bucket `environ` names. Images are
    public to readers, so their addresses carry no signature."""
    bucket = environ["AWS_STORAGE_BUCKET_NAME"]
    endpoint_url = environ.get("AWS_S3_ENDPOINT_URL") or None
    addressing_style = environ.get("AWS_S3_ADDRESSING_STYLE", "path")
    custom_domain = environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    url_protocol = "https:"
    if not custom_domain and endpoint_url and addressing_style == "path":
        # Addresses made as text, as boto makes them without a signature: boto spends
        # 0.12 ms on each, and a page of ten article cards shows sixty.
        endpoint = urlsplit(endpoint_url)
        custom_domain = f"{endpoint.netloc}{endpoint.path.rstrip('/')}/{bucket}"
        url_protocol = f"{endpoint.scheme}:"
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url,
            "access_key": environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME", "us-east-1"),
            "custom_domain": custom_domain,
            "url_protocol": url_protocol,
            "addressing_style": addressing_style,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }


def s3_media_origin(options):
    """Where browsers fetch the addresses `s3_media_storage()` makes from: a scheme and
    host only, as the Content-Security-Policy needs (a source with a path matches that
    one path, not the files under it)."""
    if options["custom_domain"]:
        return f"{options['url_protocol']}//{options['custom_domain'].split('/')[0]}"
    if options["endpoint_url"]:  # `virtual` addressing: the bucket is a subdomain
        endpoint = urlsplit(options["endpoint_url"])
        return f"{endpoint.scheme}://{options['bucket_name']}.{endpoint.netloc}"
    return "https://*.amazonaws.com"


AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = s3_media_storage(os.environ)
    MEDIA_ORIGINS = [s3_media_origin(STORAGES["default"]["OPTIONS"])]
else:
    MEDIA_ORIGINS = []  # this site's own

# Content-Security-Policy (django-csp), everywhere so that development shows
# what production would block. Reader pages load only this site's styles,
# scripts, images and fonts; frames only for the video providers the video
# block embeds after the reader's click. The admin's relaxation is in
# base/security.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Email: SMTP when EMAIL_HOST is set; each environment picks its fallback.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "New Unity <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Background tasks (django-tasks). Immediate by default; production runs the
# database backend with its own worker process (`manage.py db_worker`).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.backend.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}

# Contact form: spam defence, message size and how long submissions are kept.
CONTACT_RATE_LIMIT_PER_MINUTE = env_int("CONTACT_RATE_LIMIT_PER_MINUTE", 5)
CONTACT_RATE_LIMIT_PER_DAY = env_int("CONTACT_RATE_LIMIT_PER_DAY", 20)
CONTACT_MIN_FILL_SECONDS = env_int("CONTACT_MIN_FILL_SECONDS", 3)
CONTACT_MAX_LINKS = env_int("CONTACT_MAX_LINKS", 3)
CONTACT_MESSAGE_MAX_LENGTH = env_int("CONTACT_MESSAGE_MAX_LENGTH", 5000)
# The request header holding the sender's address, e.g. HTTP_X_FORWARDED_FOR behind a proxy.
CONTACT_CLIENT_IP_HEADER = os.environ.get("CONTACT_CLIENT_IP_HEADER", "REMOTE_ADDR")
CONTACT_RETENTION_DAYS = env_int("CONTACT_RETENTION_DAYS", 365)
CONTACT_SPAM_RETENTION_DAYS = env_int("CONTACT_SPAM_RETENTION_DAYS", 30)

# Page revisions older than this are deleted by `manage.py run_scheduled_work`, except
# each page's latest, live, scheduled and in-review ones.
REVISIONS_KEPT_DAYS = env_int("REVISIONS_KEPT_DAYS", 90)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s level=%(levelname)s logger=%(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per task state change is noise; failures still show.
        "django_tasks": {"level": "WARNING"},
        # Lockouts are warnings; every sign-in's bookkeeping is not worth a line.
        "axes": {"level": "WARNING"},
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "New Unity"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"gif": "webp", "bmp": "webp", "tiff": "webp"}
# The image form (base/images.py) names the description for what it is used as, the
# alt text, and states the largest picture staff may upload.
# Making one thumbnail of it peaks at about 8 bytes a pixel: 40 million pixels (a 36-
# megapixel camera's photo fits; a phone's 12-megapixel one easily) cost a process
# about 340 MB (`python -m bench.rendition_memory`), where 121 million cost 955 MB.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
WAGTAILIMAGES_IMAGE_FORM_BASE = "base.images.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents always pass through the site, which checks collection privacy, even
# when they live in a bucket: the bucket lets readers fetch images only.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Staff avatars stay local: Gravatar would learn who uses the admin, and the
# Content-Security-Policy would block its images anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True
