"""Settings for Navet, read from the environment (twelve-factor).

Every setting a deployment changes is an environment variable, documented in docs/configuration.md.
`NAVET_PRODUCTION=1` switches on production mode: no debug, secure cookies, HSTS, HTTPS redirect.
"""

import json
from pathlib import Path

import environ

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env.str("NAVET_VAR_DIR", default=str(Path.cwd() / "var")))
PRODUCTION = env.bool("NAVET_PRODUCTION", default=False)

# Production mode never runs with DEBUG, whatever the environment says.
DEBUG = False if PRODUCTION else env.bool("DEBUG", default=True)
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="navet-development-key-not-for-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "axes",
    "auditlog",
    # Navet's apps come before allauth so that their templates override allauth's.
    "navet.core",
    "navet.organisations",
    "navet.calls",
    "navet.needs",
    "navet.matching",
    "navet.projects",
    "navet.decisions",
    "navet.economics",
    "navet.risks",
    "navet.knowledge",
    "navet.followup",
    "navet.applications",
    "navet.dashboard",
    "navet.demo",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "navet.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view is marked `login_not_required` (navet/urls.py).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "navet.core.middleware.RequestTooLargeMiddleware",
    "navet.core.middleware.DomainErrorMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Axes goes last: it answers locked-out logins after the others have run.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "navet.urls"
WSGI_APPLICATION = "navet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "navet.dashboard.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'navet.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
# A kept connection is checked before a request uses it, so the first request after a database
# restart does not fail.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failed attempts per user name and address, or twenty from one address
# whatever the user names, lock out for 15 minutes (navet.core.throttling).
AXES_HANDLER = "navet.core.throttling.LoginThrottle"
AXES_FAILURE_LIMIT = env.int("NAVET_LOGIN_FAILURE_LIMIT", default=5)
NAVET_LOGIN_ADDRESS_FAILURE_LIMIT = env.int("NAVET_LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = env.float("NAVET_LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("NAVET_PROXY_COUNT", default=0)
# Only failed attempts are kept (and only until the cool-off); a log of every successful login
# with its address and browser is personal data Navet does not need (docs/privacy.md).
AXES_DISABLE_ACCESS_LOG = True

# API tokens are valid this many days from their creation (at most 365).
NAVET_API_TOKEN_DAYS = env.int("NAVET_API_TOKEN_DAYS", default=90)

# OpenID Connect: every municipality may bring its own identity provider (typically its own
# Entra ID tenant). NAVET_OIDC_PROVIDERS is a JSON list; see docs/authentication.md.
OIDC_PROVIDERS = json.loads(env.str("NAVET_OIDC_PROVIDERS", default="[]"))
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": provider["id"],
                "name": provider["name"],
                "client_id": provider["client_id"],
                "secret": provider["secret"],
                "settings": {"server_url": provider["server_url"]},
            }
            for provider in OIDC_PROVIDERS
        ],
    }
}
SOCIALACCOUNT_ADAPTER = "navet.organisations.oidc.MunicipalityLoginAdapter"
ACCOUNT_ADAPTER = "navet.organisations.oidc.ClosedSignupAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
ACCOUNT_EMAIL_VERIFICATION = "none"

# Audit entries keep the names of related records, so history stays readable after a deletion.
AUDITLOG_USE_FK_STRING_REPRESENTATION = True
# Who did what is the actor; the address of their machine is personal data Navet does not need.
AUDITLOG_DISABLE_REMOTE_ADDR = True

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# `navet restore` refuses an archive that would unpack to more than this (20 GiB).
NAVET_RESTORE_MAX_BYTES = env.int("NAVET_RESTORE_MAX_BYTES", default=20 * 1024**3)
# Uploads: every file goes through navet.core.uploads.validate_upload.
NAVET_UPLOAD_MAX_BYTES = env.int("NAVET_UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": env.str("NAVET_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A task that failed for a passing reason (database, network, mail server) is run again, at most
# NAVET_TASK_RETRIES times, after NAVET_TASK_RETRY_DELAY seconds doubled for each attempt up to
# NAVET_TASK_RETRY_MAX seconds (navet.core.taskqueue, ADR 0004).
NAVET_TASK_RETRIES = env.int("NAVET_TASK_RETRIES", default=5)
NAVET_TASK_RETRY_DELAY = env.float("NAVET_TASK_RETRY_DELAY", default=60.0)
NAVET_TASK_RETRY_MAX = env.float("NAVET_TASK_RETRY_MAX", default=3600.0)
# A Redis-backed queue for larger installations (the `redis` extra): `navet rqworker` runs it.
NAVET_REDIS_URL = env.str("NAVET_REDIS_URL", default="")
if NAVET_REDIS_URL:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS["default"]["BACKEND"] = "django_tasks_rq.RQBackend"
    RQ_QUEUES = {"default": {"URL": NAVET_REDIS_URL, "DEFAULT_TIMEOUT": 3600}}

_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
# Sources may not point at internal addresses (private, loopback, link-local); tests allow it.
NAVET_FETCH_ALLOW_PRIVATE_ADDRESSES = env.bool("NAVET_FETCH_ALLOW_PRIVATE_ADDRESSES", default=False)
# The address people reach Navet at, for links in e-mail.
NAVET_BASE_URL = (
    env.str("NAVET_BASE_URL")
    if PRODUCTION
    else env.str("NAVET_BASE_URL", default="http://127.0.0.1:8000")
).rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Navet <navet@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("NAVET_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("NAVET_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # /healthz is probed over plain HTTP by load balancers.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# NAVET_LOG_FORMAT=json: one JSON object per line (docs/configuration.md).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "navet.core.jsonlog.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env.str("NAVET_LOG_FORMAT", default="text"),
        }
    },
    "root": {"handlers": ["console"], "level": env.str("NAVET_LOG_LEVEL", default="INFO")},
}

NINJA_PAGINATION_PER_PAGE = 100
AXES_VERBOSE = False
