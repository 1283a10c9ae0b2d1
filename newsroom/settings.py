"""Newsroom settings: environment variables with safe defaults (README.md lists them)."""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf import global_settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured

from newsroom.cache import redis_cache
from newsroom.env import env_bool, env_int, env_list
from newsroom.logging import JSON_FORMATTER

BASE_DIR = Path(__file__).resolve().parent.parent


DEBUG = env_bool("DEBUG", False)
# The test runner imports pytest before it loads settings; tests get a throwaway key.
RUNNING_TESTS = "pytest" in sys.modules

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or RUNNING_TESTS:
        SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=1 for local development."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or RUNNING_TESTS else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_NAME = os.environ.get("SITE_NAME", "The Kabul Ledger")
SITE_TAGLINE = os.environ.get("SITE_TAGLINE", "Afghanistan's independent national news agency")

INSTALLED_APPS = [
    # The editing desk first: its templates override the admin's own.
    "desk",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "taggit",
    "django_prose_editor",
    "axes",
    "newsroom",
    "accounts",
    "articles",
    "consent",
    "readers",
    "wire",
    "imports",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Production hardening (docs/deployment.md): request ids first so every log line has one.
    "newsroom.logging.RequestIdMiddleware",
    "newsroom.input.RefuseNulMiddleware",
    # /livez for probes that arrive without HTTPS or a known Host (newsroom/health.py).
    "newsroom.health.LivenessMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.security.SecurityHeadersMiddleware",
    # End of production hardening. An unreachable database is answered 503 by handler500
    # (newsroom.health.server_error), the one place that sees what every middleware raises.
    # The page's language, from its address (the desk's: its user's choice).
    "newsroom.languages.LanguageMiddleware",
    # Addresses of the site the newsroom moved from: before stored pages, which know /?p=12
    # only as the home page.
    "readers.old_addresses.OldAddressMiddleware",
    # Stored readers' pages are served from here, before sessions and everything below.
    "readers.caching.PageCacheMiddleware",
    # Responses marked public lose any cookie and any Vary: Cookie added below it.
    "readers.caching.SharedResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Innermost on purpose: it must see the final HTML of every public page, including
    # flatpages and error pages, so keep it above FlatpageFallbackMiddleware and below
    # GZipMiddleware and the cache middleware (docs/consent.md).
    "consent.middleware.ConsentMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "readers.context_processors.site",
                "django.template.context_processors.csp",
            ],
        },
    },
]

VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

if not os.environ.get("DATABASE_URL"):
    # The embedded SQLite database lives under var/, which git ignores.
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Each transaction takes the write lock as it begins, so two that read then write (the
    # wire's change counter, wire/versions.py) queue instead of failing as "locked".
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


REDIS_URL = os.environ.get("REDIS_URL", "")
# Cache errors the site rides through are still logged, so an outage shows in the logs only.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Readers' pages (docs/readers-site.md, "Speed and caching"). Shared caches and browsers
# may keep an anonymous page this many seconds, so an edit reaches every reader within it.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 60)
# Server-side cache of whole anonymous pages, keyed on the address and checked against the
# versions of what each page shows; 0 turns it off. Off by default with DEBUG, where
# templates change without any content changing.
FULL_PAGE_CACHE_SECONDS = env_int("FULL_PAGE_CACHE_SECONDS", 0 if DEBUG else 300)
# An HTTP cache in front (docs/deployment.md): "varnish" purges each address of PURGE_URLS by
# surrogate key when content changes (readers/purging.py); "none" purges nothing.
PURGE_BACKEND = os.environ.get("PURGE_BACKEND", "none")
PURGE_URLS = env_list("PURGE_URLS")
if PURGE_BACKEND not in ("none", "varnish") or (PURGE_BACKEND == "varnish" and not PURGE_URLS):
    raise ImproperlyConfigured('PURGE_BACKEND is "none" or "varnish" (with PURGE_URLS set).')
if any(not url.startswith(("http://", "https://")) for url in PURGE_URLS):
    raise ImproperlyConfigured("PURGE_URLS are http:// or https:// addresses of the caches.")

# Background work (readers/tasks.py): production stores tasks in the database for
# `manage.py db_worker`; by default (`make run`, tests) they run at once, in the request.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}

# The wire (wire/webhooks.py): webhooks go to public HTTPS servers only. Tests and a laptop
# may let them reach 127.0.0.1 over plain HTTP.
WIRE_WEBHOOKS_ALLOW_LOOPBACK = env_bool("WIRE_WEBHOOKS_ALLOW_LOOPBACK", False)

# The flatpages (/about/, /contact/, /privacy/) belong to this site. Feeds and sitemaps link
# to SITE_DOMAIN, the public host name, which `migrate` writes into the site's record.
SITE_ID = 1
SITE_DOMAIN = os.environ.get("SITE_DOMAIN", "testserver" if RUNNING_TESTS else "127.0.0.1:8000")

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "admin:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
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

# The languages the newsroom publishes and the desk speaks: the first is the default, whose
# addresses carry no prefix (/section/sport/), the others are prefixed (/ps/section/sport/).
# Adding one (Uzbek, Arabic) takes a line here, its translation files under locale/ and,
# if Django lacks it, its entry in EXTRA_LANGUAGE_INFO.
LANGUAGES = [("en", "English"), ("fa-af", "Dari"), ("ps", "Pashto")]
LANGUAGE_CODE = LANGUAGES[0][0]
EXTRA_LANGUAGE_INFO = {
    "fa-af": {"bidi": True, "code": "fa-af", "name": "Dari", "name_local": "دری"},
    "ps": {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"},
}
LANG_INFO.update(EXTRA_LANGUAGE_INFO)
LANGUAGES_BIDI = [
    *global_settings.LANGUAGES_BIDI,
    *(code for code, info in EXTRA_LANGUAGE_INFO.items() if info["bidi"]),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Kabul")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded images: what the newsroom accepts (see articles/images.py).
IMAGE_MAX_UPLOAD_BYTES = env_int("IMAGE_MAX_UPLOAD_BYTES", 15 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)

# Routes the benchmark's ceiling page (benchmarks/ceiling.py); never on in production.
BENCHMARK_CEILING = env_bool("BENCHMARK_CEILING", False)

# Outgoing mail. The console mailer prints messages to the terminal (development default).
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH}}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cookie consent (consent/registry.py, docs/consent.md). Raising the policy revision asks
# every reader again; lifetimes follow the CNIL's guidance (13 months at most for an
# acceptance, a refusal remembered for 6 months); the proof of each decision is kept for
# the retention below, then pruned by `manage.py prune_consent_records`.
CONSENT_POLICY_REVISION = os.environ.get("CONSENT_POLICY_REVISION", "1")
CONSENT_COOKIE_NAME = os.environ.get("CONSENT_COOKIE_NAME", "newsroom_consent")
CONSENT_COOKIE_DOMAIN = os.environ.get("CONSENT_COOKIE_DOMAIN") or None
CONSENT_ACCEPT_MAX_AGE_DAYS = env_int("CONSENT_ACCEPT_MAX_AGE_DAYS", 395)
CONSENT_REFUSE_MAX_AGE_DAYS = env_int("CONSENT_REFUSE_MAX_AGE_DAYS", 182)
CONSENT_RECORD_RETENTION_DAYS = env_int("CONSENT_RECORD_RETENTION_DAYS", 3 * 365)
# Dates on the cookie settings page in the page's calendar (Solar Hijri for Dari and Pashto).
CONSENT_FORMAT_DATE = "articles.templatetags.times.news_date"


# --- Production hardening (docs/deployment.md explains every variable) ---------------------

# PostgreSQL: a server that is down or restarting fails the request within seconds (answered
# 503 by newsroom.health.server_error) instead of hanging a worker.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = env_int(
        "DATABASE_CONNECT_TIMEOUT", 3
    )
    # Readers' compiled statements (articles/statements.py) are prepared on each connection
    # after five runs and planned once, for every run: left to choose, PostgreSQL planned tag,
    # author and list pages anew on each request, which cost more than running them. Only
    # those statements take parameters on the server; Django's own queries are unaffected.
    # Off for a pooler that cannot keep prepared statements (PgBouncer in transaction mode
    # before 1.21).
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        options = DATABASES["default"]["OPTIONS"]
        options["prepare_threshold"] = 5
        options["options"] = f"{options.get('options', '')} -c plan_cache_mode=force_generic_plan"
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"].get("OPTIONS", {}))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]
    MIDDLEWARE.insert(1, "newsroom.db_router.ReplicaReadsMiddleware")

# Static files: WhiteNoise serves them with content-hashed names, compressed and cached for a
# year. The manifest needs `collectstatic`, so development and the test suite keep the plain
# storage and never depend on a build step.
if not DEBUG and not RUNNING_TESTS:
    STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG or RUNNING_TESTS

# Media: local disk by default; MEDIA_STORAGE=s3 stores uploads in S3-compatible object storage
# (install the `s3` extra). The bucket serves the files itself, so MEDIA_URL comes from it.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": False,
        },
    }
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'local' or 's3'.")

# HTTPS. Behind nginx, SECURE_PROXY_SSL_HEADER=1 trusts its X-Forwarded-Proto header.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", SECURE_SSL_REDIRECT)
# HSTS only once the site is known to answer over HTTPS, so a laptop is never locked out.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if SECURE_SSL_REDIRECT else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# The preload flag only permits a submission to the browsers' list; nobody is signed up by it.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_SSL_REDIRECT)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The editing desk reads the CSRF token from the form, never from the cookie.
CSRF_COOKIE_HTTPONLY = True
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Content-Security-Policy. Public pages carry no inline script or style at all, so one fixed
# policy suits every cached copy. The editing desk is never cached and gets its own policy with
# a nonce per response (newsroom.security.ADMIN_CSP).
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
if MEDIA_STORAGE == "s3" and os.environ.get("MEDIA_ORIGIN"):
    SECURE_CSP["img-src"].append(os.environ["MEDIA_ORIGIN"])

# Admin login throttling: five failures for one username from one address lock that pair out
# for fifteen minutes. The address is REMOTE_ADDR unless TRUSTED_PROXY_COUNT says how many
# proxies of ours append to X-Forwarded-For (newsroom.security.client_ip).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"
AXES_RESET_ON_SUCCESS = True
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# Request size limits: a story form is a few hundred fields; images are checked again, more
# strictly, by articles/images.py. Larger requests are refused with 400 before they are read.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 2000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 20)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)

# Logs: one JSON object a line on stdout in production, readable text in development; every
# line carries the request id (newsroom.logging).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG or RUNNING_TESTS else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "newsroom.logging.RequestIdFilter"}},
    "formatters": {
        "json": JSON_FORMATTER,
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes announces itself at start-up and on every successful login; keep its warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
# --- End of production hardening ----------------------------------------------------------
