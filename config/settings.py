"""kiemtra settings, read only from the environment (every variable is listed in README.md).

SQLite (WAL) is the embedded default; PostgreSQL is used when DATABASE_URL is set.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105 - debug-only fallback  # nosec B105
    else:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set unless DJANGO_DEBUG is on.")

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "guardian",
    "viewflow",
    "viewflow.workflow",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "people",
    "inspections",
    "workflow",
    "workflow.security",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one, so that every response (lockout and error pages too) gets a CSP.
    "workflow.security.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "workflow.middleware.DefaultLanguageMiddleware",
    "workflow.middleware.OversizedIdMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before the session timeout, which leaves a message when it ends a session.
    "django.contrib.messages.middleware.MessageMiddleware",
    "workflow.security.middleware.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "workflow.security.middleware.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "workflow.middleware.FlowLockFailedMiddleware",
    # Last, as django-axes requires: it turns a lockout flagged during the view into the page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each case kind and shared step group keeps its templates in its own folder
        # (workflow/kinds/<kind>/templates/, workflow/steps/<group>/templates/), under the
        # same names as before ("kiemtra/<kind>/..."); the project folder comes first.
        "DIRS": [
            BASE_DIR / "templates",
            *sorted(BASE_DIR.glob("workflow/kinds/*/templates")),
            *sorted(BASE_DIR.glob("workflow/steps/*/templates")),
        ],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workflow.context_processors.notifications",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# --- Database -------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # WAL lets readers proceed while one writer commits; IMMEDIATE avoids
                # the "database is locked" upgrade deadlock between two writers.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username+IP is refused before the password is even checked.
    # It only watches authenticate(); force_login (tests) does not go through it.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
GUARDIAN_RAISE_403 = True
ANONYMOUS_USER_NAME = None  # no guardian anonymous user: deny by default

# --- Account security -----------------------------------------------------------------
# Sessions: SESSION_COOKIE_AGE is the absolute lifetime from login and SESSION_IDLE_TIMEOUT
# ends a session left unused; both are enforced by workflow.security's SessionTimeoutMiddleware
# (the session is re-saved at most once a minute, so Django's own expiry would drift).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Every page gets this policy unless the view set its own (document downloads set a stricter
# one). No inline script anywhere: viewflow's pages load only static files. Inline *styles*
# are needed: viewflow's Material components and templates set style attributes.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

if not DEBUG:
    # Production: HTTPS only. Behind a TLS-terminating proxy set DJANGO_SECURE_PROXY_SSL_HEADER
    # (for example "HTTP_X_FORWARDED_PROTO,https"), or the redirect loops.
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
_proxy_ssl_header = os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip()
if _proxy_ssl_header:
    _header, _, _value = _proxy_ssl_header.partition(",")
    SECURE_PROXY_SSL_HEADER = (_header.strip(), _value.strip() or "https")

# Login throttling (django-axes): AXES_FAILURE_LIMIT failed logins for one username from one
# address lock that pair out for AXES_COOLOFF_MINUTES. Keyed on the pair, so a stranger
# guessing at a name cannot lock its owner out of every other address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lockout lasts the cool-off from the last counted failure; tries during it do not
# prolong it, so the page can say when to come back.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "workflow.security.lockout.lockout_response"
# The client address: REMOTE_ADDR, or the address KIEMTRA_PROXY_COUNT trusted proxies in front
# of the app saw (X-Forwarded-For read from the right, so a client cannot forge it).
KIEMTRA_PROXY_COUNT = int(os.environ.get("KIEMTRA_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "workflow.security.lockout.client_ip"
# Usernames are cut to the width of axes' column (PostgreSQL refuses longer ones).
AXES_USERNAME_CALLABLE = "workflow.security.lockout.username_key"

# Two-factor authentication (django-otp, TOTP): who must use it is decided by
# workflow.security.policy.requires_two_factor. KIEMTRA_OTP_REQUIRED=0 turns enforcement off.
KIEMTRA_OTP_REQUIRED = env_bool("KIEMTRA_OTP_REQUIRED", True)
OTP_TOTP_ISSUER = "kiemtra"
# The admin lists TOTP devices (an administrator deletes a lost one so its owner enrols again);
# it must not show their secret keys or QR codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- Language, time -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded case documents are never served by URL: only through the access-checked view.
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Mail, notifications, background jobs (issue 11) ----------------------------------
# E-mail goes to the console unless EMAIL_HOST is set (then SMTP with the EMAIL_* below).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kiemtra@localhost")
# The address e-mails link to (no request is at hand when a job sends them).
KIEMTRA_SITE_URL = os.environ.get("KIEMTRA_SITE_URL", "http://127.0.0.1:8000")
# An e-mail that keeps failing is given up after this many attempts (shown in the admin).
KIEMTRA_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("KIEMTRA_OUTBOX_MAX_ATTEMPTS", "8"))

# Background jobs (workflow.jobs): on Celery when CELERY_BROKER_URL is set (a worker and
# beat run beside the web processes), else in this process ("thread": jobs triggered by a
# request run after its commit in a background thread, the periodic ones from an in-process
# scheduler started by `runserver`). KIEMTRA_JOBS_MODE=inline runs them at once (tests).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip()
KIEMTRA_JOBS_MODE = os.environ.get("KIEMTRA_JOBS_MODE", "").strip() or ("celery" if CELERY_BROKER_URL else "thread")
if KIEMTRA_JOBS_MODE not in {"celery", "thread", "inline"}:
    raise ImproperlyConfigured("KIEMTRA_JOBS_MODE must be celery, thread or inline.")
if KIEMTRA_JOBS_MODE == "celery" and not CELERY_BROKER_URL:
    raise ImproperlyConfigured("KIEMTRA_JOBS_MODE=celery needs CELERY_BROKER_URL.")
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "kiemtra")
CELERY_TASK_ACKS_LATE = True  # a job a dying worker held runs again (every job is idempotent)
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Sending a job never blocks a request long when the broker is down (the outbox waits).
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
CELERY_BEAT_SCHEDULE = {
    name: {"task": "kiemtra.run_job", "schedule": seconds, "args": (name,)}
    for name, seconds in {
        "deliver_outbox": 60,
        "deadline_reminders": 3600,
        "escalate_overdue": 3600,
        "apply_delegations": 600,
        "expire_discipline": 6 * 3600,
        "journal_checkpoint": 24 * 3600,
    }.items()
}
# Reminders (inspections.services.reminders): working practice, not law.
KIEMTRA_DUE_SOON_DAYS = int(os.environ.get("KIEMTRA_DUE_SOON_DAYS", "5"))
KIEMTRA_ESCALATE_CHAIR_AFTER = int(os.environ.get("KIEMTRA_ESCALATE_CHAIR_AFTER", "3"))
