"""Iskra's one settings module. Everything comes from the environment (see README.md).

Production is the default: development mode must be asked for with ISKRA_DEBUG=1.
"""

from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from iskra.env import (
    DEVELOPMENT_SECRET_KEY,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
    require_strong_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("ISKRA_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("ISKRA_DEBUG", False)
# Whether ISKRA_DEBUG asked for development mode. The test runner turns DEBUG off, so what
# only development mode may do (the demo and its published accounts) asks this instead.
ISKRA_DEVELOPMENT_MODE = DEBUG

SECRET_KEY = env_secret("ISKRA_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "ISKRA_SECRET_KEY (or ISKRA_SECRET_KEY_FILE) is required in production. "
            "For development, set ISKRA_DEBUG=1."
        )
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
if not DEBUG:
    # Check, serve, the WSGI entry point and the worker all import this module: a weak,
    # short or published key stops every one of them.
    require_strong_secret_key(SECRET_KEY)

# Old keys that still verify sessions, signed links and the two-factor secrets during a key
# rotation (comma- or newline-separated; see docs). Remove them once every session renewed.
SECRET_KEY_FALLBACKS = [
    key.strip()
    for key in env_secret("ISKRA_SECRET_KEY_FALLBACKS").replace("\n", ",").split(",")
    if key.strip()
]

ALLOWED_HOSTS = env_list("ISKRA_ALLOWED_HOSTS", ["localhost", "127.0.0.1"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("ISKRA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "iskra.core",
    "iskra.accounts",
    "iskra.network",
    "iskra.audit",
    "iskra.people",
    "iskra.press",
    "iskra.distribution",
    "iskra.activities",
    "iskra.finance",
    "iskra.reliability",
    "iskra.reports",
    "iskra.conferences",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "iskra.core.middleware.CoarseUserAgentMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "iskra.core.middleware.RefuseBadInputMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "iskra.accounts.middleware.SessionActivityMiddleware",  # allauth's, once a minute
    "iskra.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "iskra.accounts.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "iskra.core.middleware.NoStoreMiddleware",
]

ROOT_URLCONF = "iskra.urls"
WSGI_APPLICATION = "iskra.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "iskra.core.context_processors.navigation",
            ],
            # `{% url %}` that remembers its answers (iskra/core/templatetags/fasturl.py).
            "builtins": ["iskra.core.templatetags.fasturl"],
        },
    },
]

# Database: SQLite in WAL mode by default, PostgreSQL through DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'iskra.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Connections are kept across requests (CONN_MAX_AGE above), as on PostgreSQL: opening
    # SQLite again cost each request about 4 ms (the schema read again, an empty page cache).
    # A restore with the site running writes into the live file (iskra/reliability/backup.py).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            " PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds login rate limits and the TOTP codes already used, so it must be shared by
# every web process: Redis when ISKRA_CACHE_URL is set, else a table in the database (a
# per-process memory cache would let a code be replayed against another worker).
CACHE_URL = env_str("ISKRA_CACHE_URL", "")
CACHES: dict[str, dict[str, Any]]
if CACHE_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "iskra_cache",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }

# Background jobs: run at once in development, in the database with `iskra worker` in production.
TASKS_BACKEND = env_choice(
    "ISKRA_TASKS_BACKEND", "immediate" if DEBUG else "database", {"immediate", "database"}
)
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["iskra.accounts.backends.AccountBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Request bodies: a signed-in person may upload a CSV or an image; the public forms take text.
ISKRA_MAX_UPLOAD_BYTES = env_int("ISKRA_MAX_UPLOAD_MB", 60, minimum=1) * 1024 * 1024
ISKRA_MAX_ANONYMOUS_BODY_BYTES = 256 * 1024
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: sign-up only through an invitation (see accounts.adapter).
ACCOUNT_ADAPTER = "iskra.accounts.adapter.InvitationOnlyAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
MFA_ADAPTER = "iskra.accounts.adapter.EncryptingMFAAdapter"
# Security keys (WebAuthn) work under the strict CSP: allauth's scripts are static files fed
# by JSON data blocks. Plain http is accepted only in development (http://localhost).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_FORMS = {
    "add_webauthn": "iskra.accounts.forms.AddSecurityKeyForm",
    "edit_webauthn": "iskra.accounts.forms.EditSecurityKeyForm",
}
MFA_TOTP_ISSUER = env_str("ISKRA_TOTP_ISSUER", "Iskra")
USERSESSIONS_TRACK_ACTIVITY = True

SESSION_ENGINE = "iskra.accounts.sessions"
SESSION_COOKIE_AGE = env_int("ISKRA_SESSION_HOURS", 12, minimum=1) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# The CSRF cookie lasts the browser session (the public forms set it for anonymous visitors:
# a year-long cookie would mark a phone that once sent an item).
CSRF_COOKIE_AGE = None
SECURE_SSL_REDIRECT = env_bool("ISKRA_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # monitors ask over plain HTTP on the inside
if env_bool("ISKRA_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Rate limits and the sessions page need the client's address, not the proxy's.
    ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ISKRA_TRUSTED_PROXY_COUNT", 1, minimum=1)
SECURE_HSTS_SECONDS = env_int("ISKRA_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("ISKRA_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("ISKRA_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

LANGUAGE_CODE = "en"
# The interface languages. Adding one is this line plus its catalogues (docs/translations.md).
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("fr", _("French"))]
# The languages content (publications, articles, summaries, public pages) may be written in:
# ISO 639-1 codes, independent of the interface languages.
DEFAULT_CONTENT_LANGUAGES = ["en", "es", "fr", "ht", "de", "it", "tr", "pt", "ar"]
CONTENT_LANGUAGES = [
    code.lower() for code in env_list("ISKRA_CONTENT_LANGUAGES", DEFAULT_CONTENT_LANGUAGES)
]
# Whether editors may take articles from addresses on private networks (a sister instance on
# a VPN); off, the server never fetches from its own network on an editor's behalf.
ISKRA_IMPORT_PRIVATE_ADDRESSES = env_bool("ISKRA_IMPORT_PRIVATE_ADDRESSES", False)
for _code in CONTENT_LANGUAGES:
    if not (_code.isascii() and _code.isalpha() and len(_code) == 2):
        raise ImproperlyConfigured(f"ISKRA_CONTENT_LANGUAGES: {_code!r} is not an ISO 639-1 code.")
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The project-wide assets (base CSS, app.js, vendored htmx) live outside any app.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_MANIFEST = env_bool("ISKRA_STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

EMAIL_BACKEND = env_str(
    "ISKRA_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("ISKRA_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("ISKRA_SMTP_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("ISKRA_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_secret("ISKRA_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("ISKRA_SMTP_TLS", False)
DEFAULT_FROM_EMAIL = env_str("ISKRA_FROM_EMAIL", "iskra@localhost")

# Invitations expire; the audit log is kept this long before `iskra purge_audit` may remove it.
# The public address of the press (e.g. https://paper.example.org or https://example.org/sub):
# canonical links, feeds, the sitemap, email editions and the QR codes printed on paper use it.
ISKRA_PUBLIC_URL = env_str("ISKRA_PUBLIC_URL", "").rstrip("/")
# Files that jobs made (PDFs, export zips) are removed by the worker after this many days.
ISKRA_JOB_FILES_DAYS = env_int("ISKRA_JOB_FILES_DAYS", 7, minimum=1)
ISKRA_INVITATION_DAYS = env_int("ISKRA_INVITATION_DAYS", 7, minimum=1)
ISKRA_AUDIT_RETENTION_MONTHS = env_int("ISKRA_AUDIT_RETENTION_MONTHS", 36, minimum=1)
# Contacts with no conversation for this long (and not members) are proposed for deletion.
ISKRA_RETENTION_MONTHS = env_int("ISKRA_RETENTION_MONTHS", 24, minimum=1)

# The keys of the people's protected fields live in files outside the database and its
# backups (see docs/data-protection.md). Production refuses to start without them;
# `make run` creates them under var/ for development.
ISKRA_DATA_KEY_FILE = env_str("ISKRA_DATA_KEY_FILE", "")
ISKRA_BLIND_INDEX_KEY_FILE = env_str("ISKRA_BLIND_INDEX_KEY_FILE", "")
if not DEBUG and not (ISKRA_DATA_KEY_FILE and ISKRA_BLIND_INDEX_KEY_FILE):
    raise ImproperlyConfigured(
        "ISKRA_DATA_KEY_FILE and ISKRA_BLIND_INDEX_KEY_FILE are required in production: "
        "files holding the keys that encrypt contacts' protected fields. Create each with "
        "`iskra generate_key --out FILE` and keep copies apart from the database."
    )
if not DEBUG:
    # A missing, empty, unreadable or malformed key file stops the start here, not at the
    # first read of a contact (a 500 in the middle of a street outing).
    from iskra.people.crypto import read_key_file

    read_key_file(ISKRA_DATA_KEY_FILE, "ISKRA_DATA_KEY_FILE")
    read_key_file(ISKRA_BLIND_INDEX_KEY_FILE, "ISKRA_BLIND_INDEX_KEY_FILE")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # Tokens in URLs (invitations, calendar feeds) never reach a log line.
    "filters": {"redact_tokens": {"()": "iskra.core.redaction.RedactTokensFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("ISKRA_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler (development mode) would print "Not Found: <path>"
        # unfiltered, tokens included: its records go up to the redacting handler instead.
        "django": {"handlers": [], "propagate": True},
        "django.db.backends": {"level": "WARNING"},
    },
}
