"""Settings shared by every environment.

Everything that differs between machines comes from the environment (django-environ);
see `.env.example`. The embedded default (no variables set) is a SQLite file in the project
folder and Celery running jobs in-process, so `make run` needs nothing installed.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A developer's `.env` is read when present; the environment always wins over it.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# A refused form gets the portal's page (what happened, reload and send again), not Django's English one.
CSRF_FAILURE_VIEW = "jipp.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "simple_history",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "axes",
    "jipp",
    "hubs",
    "innovations",
    "stories",
    "reports",
    "dataio",
    "dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jipp.middleware.PrivateByDefaultMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "jipp.middleware.StaffSessionTimeoutMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during authentication into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jipp.urls"
WSGI_APPLICATION = "jipp.wsgi.application"

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
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Reconnect transparently after a PostgreSQL restart instead of failing the next request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# --- Cache and sessions ---------------------------------------------------------------------
# Sessions live in the database so that they survive a Redis outage and any web worker can
# serve any request. The cache is Redis when configured, otherwise a per-process memory cache.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHE_URL = env("CACHE_URL", default="")
if CACHE_URL:
    CACHES = {"default": env.cache_url("CACHE_URL")}
    if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
        from jipp.cache import redis_cache_options

        # A Redis outage is a cache miss, never an error page (jipp.cache): Redis on the same network
        # answers in a millisecond, so a second's silence means it is gone.
        CACHES["default"]["OPTIONS"] = {
            **redis_cache_options(
                CACHES["default"]["LOCATION"],
                connect_timeout=env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
                timeout=env.float("CACHE_SOCKET_TIMEOUT", default=1.0),
            ),
            **CACHES["default"].get("OPTIONS", {}),
        }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The alias that keeps nothing: a page fragment that must not be shared renders through it (jipp.cache).
CACHES["uncached"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
# Cached data (public renderings, dashboard figures, list counts: jipp.cache) is only right when every
# process shares the cache: with the per-process memory cache, a write made by another process (a
# second web worker, a management command such as seed_demo) would not reach this process's copies.
# So data is cached only with CACHE_URL.
JIPP_SHARED_CACHE = bool(CACHE_URL)
# What anonymous visitors see alike is kept this long at most (jipp.cache; 0 turns it off); any
# committed write of a content row makes it stale at once.
JIPP_PUBLIC_CACHE_SECONDS = env.int("JIPP_PUBLIC_CACHE_SECONDS", default=300)

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses a locked-out username/IP before the password is even checked.
# API tokens are not passwords and never pass through these backends (hubs.authentication).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
# Lock the username tried from one address: an attacker cannot lock a victim out from everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# One rule for the client address (lockouts and the audit log): REMOTE_ADDR, or the address the
# trusted proxies saw when DJANGO_TRUSTED_PROXY_COUNT says how many stand in front of us.
AXES_CLIENT_IP_CALLABLE = "jipp.audit.client_ip"
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
# Staff sessions end after this many idle seconds (jipp.middleware.StaffSessionTimeoutMiddleware).
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_SECONDS", default=30 * 60)
# Password reset e-mails per hour, per client address and per e-mail address (jipp.auth_forms).
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=5)
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# --- i18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Numbers follow the active language through Django's locale formats (id: 61.791 and 3,33; en:
# 61,791 and 3.33). Grouping is not switched on for every number (USE_THOUSAND_SEPARATOR): a year or
# a code would become "2.025". Counts are grouped where they are written: `intcomma` (humanize) in
# templates, `floatformat:"-2g"` for measured values, reports.generators.formatting in reports,
# Intl.NumberFormat(<html lang>) in static/js/charts.js.
USE_THOUSAND_SEPARATOR = False

# --- Static and media: always through Django's storage API ---------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (attachments, evidence, story photos, consent documents) are private: only the
# permission- and consent-checked views serve them, and no page or API links MEDIA_URL. Nothing may
# serve MEDIA_ROOT directly, in development either (docs/security.md, the operator's duties).
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Generated reports: private (served only by the permission-checked download view), so
    # outside MEDIA_ROOT. Point it at object storage in production by changing the backend.
    "reports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.path("DJANGO_REPORTS_ROOT", default=BASE_DIR / "private_media")},
    },
}

# --- Email ----------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="JIPP Hub Registry <noreply@localhost>")

# --- Celery ---------------------------------------------------------------------------------
# With no broker configured, tasks run in-process (eager) so that reporting works on the
# embedded default; with CELERY_BROKER_URL set, a real worker consumes them.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A publish must fail fast when Redis is down, so that a page never hangs on it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE

# --- Jobs (jipp.jobs: reports, imports) ------------------------------------------------------
# The former REPORTS_* names of the first three are still read, so deployments keep working.
# A job's file (a report, a spreadsheet awaiting confirmation) is deleted this many days after it was made.
JOBS_EXPIRY_DAYS = env.int("JOBS_EXPIRY_DAYS", default=env.int("REPORTS_EXPIRY_DAYS", default=7))
# The reaper marks a job still running after its task's hard time limit plus this grace as failed.
JOBS_REAP_GRACE_SECONDS = env.int("JOBS_REAP_GRACE_SECONDS", default=env.int("REPORTS_REAP_GRACE_SECONDS", default=120))
# A waiting job whose message was published this long ago without being picked up is re-published
# by the sweeper (Redis here keeps nothing on disk, so a restart loses queued messages).
JOBS_REDISPATCH_AFTER_SECONDS = env.int(
    "JOBS_REDISPATCH_AFTER_SECONDS", default=env.int("REPORTS_REDISPATCH_AFTER_SECONDS", default=900)
)
# A report task is interrupted (soft) and then killed (hard) after these many seconds.
REPORTS_SOFT_TIME_LIMIT = env.int("REPORTS_SOFT_TIME_LIMIT", default=600)
REPORTS_TIME_LIMIT = env.int("REPORTS_TIME_LIMIT", default=660)
# An import runs each row through the full service (validation, history): about 30 ms a row, so
# a 50,000-row file needs most of an hour.
IMPORTS_SOFT_TIME_LIMIT = env.int("IMPORTS_SOFT_TIME_LIMIT", default=3300)
IMPORTS_TIME_LIMIT = env.int("IMPORTS_TIME_LIMIT", default=3600)

# --- REST framework -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "jipp.api.schema.JippAutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PARSER_CLASSES": [
        "jipp.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Production answers JSON only (settings.production); elsewhere the browsable API, without forms.
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "jipp.api.renderers.PortalBrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "jipp.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    # Token first: its 401 carries `WWW-Authenticate: Token`, so clients learn how to authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "jipp.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticatedOrReadOnly",
        "jipp.api.permissions.ReadOnlyTokenPermission",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["jipp.api.throttles.AnonThrottle", "jipp.api.throttles.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("DJANGO_API_THROTTLE_ANON", default="60/minute"),
        "user": env("DJANGO_API_THROTTLE_USER", default="600/minute"),
    },
    # How many reverse proxies sit in front of the app: the throttles then trust exactly that many
    # X-Forwarded-For entries. 0 (the default) trusts none, so a client cannot dodge its limit by
    # sending its own X-Forwarded-For; behind one nginx, set DJANGO_API_NUM_PROXIES=1.
    "NUM_PROXIES": env.int("DJANGO_API_NUM_PROXIES", default=0),
    "EXCEPTION_HANDLER": "jipp.api.exceptions.api_exception_handler",
    # ISO 8601 with the time-zone offset, e.g. 2026-11-29T17:05:00+07:00.
    "DATETIME_FORMAT": "iso-8601",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "JIPP Hub Registry API",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Shown at the top of /api/docs/ and /api/redoc/: links go to the portal's pages, not the code repository.
    "DESCRIPTION": "Read and write the JIPP hub registry. Reads of published data are open; writes need a "
    "personal token (`Authorization: Token <token>`), created on the portal's [API tokens](/accounts/tokens/) "
    "page. Errors share one shape: "
    '`{"error": {"code", "message", "fields"}}`. The [API root](/api/v1/) lists every resource; '
    "the [portal](/) shows the same data as pages.",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "TAGS": [
        {"name": "reference", "description": "Provinces, regencies and cities, SDGs, competition categories."},
        {"name": "hubs", "description": "Institutions, designation cohorts, hubs and (for staff) memberships."},
        {"name": "innovations", "description": "Innovations, their review workflow and attachments."},
        {"name": "replications", "description": "Institutions adopting an innovation, facilitated by a hub."},
        {"name": "stories", "description": "TPBIS impact stories, with consent rules on personal data."},
        {"name": "indicators", "description": "Impact indicators and their measurements."},
        {"name": "reports", "description": "Report and export jobs: request one, poll it, download its file."},
    ],
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "innovations.choices.ReviewStatus",
        "InnovationStageEnum": "innovations.choices.Stage",
        "ReplicationStageEnum": "innovations.choices.ReplicationStage",
        "DesignationStatusEnum": "hubs.choices.DesignationStatus",
        "InstitutionKindEnum": "hubs.choices.InstitutionKind",
        "RegencyKindEnum": "hubs.choices.RegencyKind",
        "ReportKindEnum": "reports.choices.ReportKind",
    },
}

# --- Content-Security-Policy (django-csp) ---------------------------------------------------
# Scripts and styles only from our own static files: no inline <script>, no on*= handlers, no
# style= attributes. The API docs pages (Swagger UI, Redoc) relax styles on their own views only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# --- CORS: closed unless origins are configured ---------------------------------------------
CORS_ALLOWED_ORIGINS = env.list("DJANGO_CORS_ALLOWED_ORIGINS", default=[])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # django-axes logs every successful login at INFO; lockouts (WARNING) are what matters.
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Demo content -----------------------------------------------------------------------------
# `seed_demo` creates synthetic records (badged "Contoh") only where this is on: local and test.
JIPP_ALLOW_DEMO_DATA = env.bool("JIPP_ALLOW_DEMO_DATA", default=False)
