"""Settings shared by every environment.

Everything that differs between machines comes from the environment through one
`env` object (django-environ). `.env.example` lists every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ

from .media import media_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env is a convenience for developers; production passes real variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "api",
    "home",
    "pages",
    "documents",
    "organisations",
    "publishing",
    "newsletter",
    "users",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
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
    # graphene-django after wagtail.snippets: snippet types must exist first.
    "graphene_django",
    "django_tasks",
    "django_tasks_db",
    "worker",
    "axes",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Login throttling (django-axes): after the authentication middleware.
    "axes.middleware.AxesMiddleware",
    # Last, so that it runs the view itself: each admin form post is one transaction.
    "pages.admin_transactions.AdminWritesAtomicMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
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

# SQLite in the project is the zero-setup default; production sets DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False  # admin writes are atomic: pages/admin_transactions.py
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # `make run` has the dev server, the task worker and maybe a shell writing at once.
    # WAL lets readers go on while one writes; IMMEDIATE takes the write lock when a
    # transaction begins, so a transaction never fails half-way on "database is locked"
    # (SQLite cannot wait for a lock upgrade); the busy timeout makes writers queue
    # rather than fail. synchronous=NORMAL is safe with WAL (a crash loses at most the
    # last commits, never the file's integrity).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT_SECONDS", default=20),
        }
    )
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# Cache: Redis when REDIS_URL is set, otherwise process memory.
REDIS_URL = env("REDIS_URL", default="")
# A Redis that hangs must cost little: every Redis client (django-redis, the tracked
# generation in api/generation.py, the rate limiter through the cache) gives up after
# this many seconds, and then the process's circuit breaker (api/circuit.py) skips
# Redis for REDIS_CIRCUIT_COOLDOWN_SECONDS before one trial call.
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=0.25)
REDIS_CIRCUIT_COOLDOWN_SECONDS = env.float("REDIS_CIRCUIT_COOLDOWN_SECONDS", default=5.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": REDIS_SOCKET_TIMEOUT,
                "SOCKET_TIMEOUT": REDIS_SOCKET_TIMEOUT,
                "CONNECTION_FACTORY": "api.circuit.BreakerConnectionFactory",
                "CIRCUIT_COOLDOWN_SECONDS": REDIS_CIRCUIT_COOLDOWN_SECONDS,
            },
        }
    }
    # A cache that is down must not take the site down, but it must be seen in the logs
    # (the breaker logs when Redis stops and starts answering; calls it refuses are not logged).
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The schema, composed from every app in cms/schema.py. The api package reads it through
# graphene_django's settings, so it never imports cms (the layer above it).
GRAPHENE = {"SCHEMA": "cms.schema.schema"}

# GraphQL response cache (api/cache.py): entries die when content changes; these bound the rest.
GRAPHQL_RESPONSE_CACHE = env.bool("GRAPHQL_RESPONSE_CACHE", default=True)
GRAPHQL_CACHE_TIMEOUT = env.int("GRAPHQL_CACHE_TIMEOUT", default=300)
GRAPHQL_CACHE_MAX_AGE = env.int("GRAPHQL_CACHE_MAX_AGE", default=0)
# With Redis: each worker's copies of answers (bytes), and how often it re-reads the
# content generation even without a push from Redis (api/generation.py).
GRAPHQL_CACHE_LOCAL_BYTES = env.int("GRAPHQL_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
GRAPHQL_GENERATION_RECHECK = env.float("GRAPHQL_GENERATION_RECHECK", default=1.0)
# After a bump of the generation failed in some process (recorded in the database), other
# processes stop serving cached answers within this many seconds (api/failed_bumps.py).
GRAPHQL_FAILED_BUMP_RECHECK = env.float("GRAPHQL_FAILED_BUMP_RECHECK", default=1.0)
# GraphQL request limits (api/limits.py, docs/api.md "Limits"): introspection (__schema, __type)
# is answered unless switched off (the schema is public and committed), and new persisted
# queries (api/persisted_queries.py) are registered at most this often per client address.
GRAPHQL_INTROSPECTION = env.bool("GRAPHQL_INTROSPECTION", default=True)
GRAPHQL_PERSISTED_RATE_PER_IP = env("GRAPHQL_PERSISTED_RATE_PER_IP", default="60/m")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Editors are Danish-speaking staff: the admin speaks Danish and dates are local.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk")]
# Our Danish catalogue (locale/da/LC_MESSAGES) fills the gaps in Wagtail's own `da`
# translation; Django reads LOCALE_PATHS before the apps' catalogues, for the Python
# strings and for the admin's JavaScript catalogue (/admin/jsi18n/) alike.
LOCALE_PATHS = [BASE_DIR / "locale"]
# Wagtail's "what's new" banner links to its English editor guide; ours is at /admin/vejledning/.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_USER_LOGIN_FORM = "users.forms.LoginForm"  # translates the password label
WAGTAIL_I18N_ENABLED = False

STATIC_ROOT = BASE_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
# Media: MEDIA_ROOT on this host, or an S3 bucket when AWS_STORAGE_BUCKET_NAME is set
# (cms/settings/media.py; README "Flere servere / Several web hosts").
_media = media_settings(env)
STORAGES = {
    "default": _media.storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

AUTH_USER_MODEL = "users.User"

# Login throttling (django-axes) for both login forms: the admin's /admin/login/ and
# Wagtail's /_util/login/ for login-restricted pages. After AXES_FAILURE_LIMIT failed
# attempts for one user name from one client address, that pair is refused for
# AXES_COOLOFF_MINUTES (another address, or another user, is not). The client address
# is the proxy's X-Real-IP when RATELIMIT_IP_META_KEY says so (users/throttling.py).
# `manage.py axes_reset` lifts every lockout.
AUTHENTICATION_BACKENDS = [
    "users.throttling.LoginThrottleBackend",  # first: refuses a locked-out pair before any password check
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "users.throttling.client_ip"
AXES_VERBOSE = False  # no banner on every process start; lockouts are still logged
AXES_COOLOFF_MESSAGE = (
    f"For mange mislykkede loginforsøg. Af sikkerhedshensyn er login for denne bruger fra din adresse "
    f"spærret i {AXES_COOLOFF_MINUTES} minutter. Prøv igen senere, eller kontakt en administrator."
)

# Wagtail
WAGTAIL_SITE_NAME = "Helhedsplan Randers"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "documents.PlanDocument"
WAGTAILIMAGES_IMAGE_MODEL = "documents.PlanImage"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents go through Wagtail's serve view, which enforces collection privacy on
# download: it streams the file, or with a bucket redirects to a short-lived signed URL.
WAGTAILDOCS_SERVE_METHOD = _media.documents_serve_method
WAGTAILEMBEDS_FINDERS = []  # never fetch oEmbed: video blocks store a URL and a title
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if IS_POSTGRES:
    # Danish stemming: "boligområde" finds "boligområder".
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "danish"
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite has no Danish stemmer: ours stems the query's words (pages/search_backend.py).
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "pages.search_backend"

# Public website that renders our content; links in the API and in mails point there.
FRONTEND_BASE_URL = env("FRONTEND_BASE_URL", default="http://localhost:3000").rstrip("/")
# Where the frontend shows a draft: it receives ?token=... and asks previewPage(token:).
FRONTEND_PREVIEW_URL = env("FRONTEND_PREVIEW_URL", default=f"{FRONTEND_BASE_URL}/api/preview")
# Seconds a preview link works; pages/preview.py caps it at one hour.
PREVIEW_TOKEN_MAX_AGE = env.int("PREVIEW_TOKEN_MAX_AGE", default=3600)
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/graphql/.*$"

# Background tasks (Wagtail uses django-tasks): a database-backed queue run by the worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A worker writes a heartbeat every TASKS_HEARTBEAT_SECONDS while it lives; a RUNNING task
# whose worker has not beaten for TASKS_HEARTBEAT_STALE_SECONDS is queued again by
# `manage.py requeue_stranded_tasks` (every minute, scheduler service), at most
# TASKS_MAX_ATTEMPTS claims in all (worker/).
TASKS_HEARTBEAT_SECONDS = env.float("TASKS_HEARTBEAT_SECONDS", default=10.0)
TASKS_HEARTBEAT_STALE_SECONDS = env.float("TASKS_HEARTBEAT_STALE_SECONDS", default=60.0)
TASKS_MAX_ATTEMPTS = env.int("TASKS_MAX_ATTEMPTS", default=3)

# E-mail
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Bysekretariatet <nyhedsbrev@localhost>")
# Seconds before a silent mail server counts as a failure (Django's default is to wait forever).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# Publishing jobs (newsletter build, Facebook publisher) read the content through the public GraphQL API.
CMS_GRAPHQL_URL = env("CMS_GRAPHQL_URL", default="http://127.0.0.1:8000/graphql/")

# Newsletter (newsletter/): double opt-in, monthly build, resumable sending.
NEWSLETTER_CONSENT_TEXT = env(
    "NEWSLETTER_CONSENT_TEXT",
    default=(
        "Ja tak, jeg vil gerne have Bysekretariatets månedlige nyhedsbrev om helhedsplanen på e-mail. "
        "Jeg kan til enhver tid afmelde mig med linket i nyhedsbrevet."
    ),
)
# Days a confirmation link works; unconfirmed subscriptions are deleted after as many days.
NEWSLETTER_CONFIRM_DAYS = env.int("NEWSLETTER_CONFIRM_DAYS", default=7)
# Absolute base of the one-click unsubscribe link in the List-Unsubscribe header (must be https).
NEWSLETTER_UNSUBSCRIBE_BASE_URL = env("NEWSLETTER_UNSUBSCRIBE_BASE_URL", default=WAGTAILADMIN_BASE_URL).rstrip("/")
# Subscribe attempts allowed per client address and per e-mail address (django-ratelimit rates).
NEWSLETTER_RATE_PER_IP = env("NEWSLETTER_RATE_PER_IP", default="10/h")
NEWSLETTER_RATE_PER_EMAIL = env("NEWSLETTER_RATE_PER_EMAIL", default="3/h")
# The request header with the client's address when a proxy sits in front (e.g. HTTP_X_REAL_IP,
# set and overwritten by the proxy). Empty: REMOTE_ADDR.
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", default="") or None
# When the cache cannot count, allow the attempt (newsletter/ratelimit.py logs a warning).
RATELIMIT_FAIL_OPEN = True
# Sending: SMTP tries per recipient in one run, the first pause between them (doubling),
# tries in all before a temporary failure becomes permanent, and how long a delivery left
# "being sent" by a killed run waits before another run sends it again.
NEWSLETTER_SEND_RETRIES = 3
NEWSLETTER_RETRY_DELAY_SECONDS = 2.0
NEWSLETTER_MAX_ATTEMPTS = 10
# On PostgreSQL a run killed mid-send is resumed at once (an advisory lock shows it is gone);
# this lease is what decides on SQLite.
NEWSLETTER_STALE_SENDING_SECONDS = env.int("NEWSLETTER_STALE_SENDING_SECONDS", default=300)
# The build's reads of CMS_GRAPHQL_URL: seconds per request, and tries.
NEWSLETTER_HTTP_TIMEOUT = 20.0
NEWSLETTER_HTTP_ATTEMPTS = 3

# Publishing jobs. Only the Facebook job needs the page id and token; it refuses to
# post without them, so a server that does not run it needs neither.
FACEBOOK_GRAPH_API_URL = env("FACEBOOK_GRAPH_API_URL", default="https://graph.facebook.com/v23.0").rstrip("/")
FACEBOOK_PAGE_ID = env("FACEBOOK_PAGE_ID", default="")
FACEBOOK_PAGE_ACCESS_TOKEN = env("FACEBOOK_PAGE_ACCESS_TOKEN", default="")
# Only pages first published this many days ago or later are posted, so switching the
# job on does not post years of history.
FACEBOOK_LOOKBACK_DAYS = env.int("FACEBOOK_LOOKBACK_DAYS", default=14)
FACEBOOK_HTTP_TIMEOUT_SECONDS = env.float("FACEBOOK_HTTP_TIMEOUT_SECONDS", default=10.0)
# Attempts per item and run; backoff doubles from the base up to the cap, with full jitter.
FACEBOOK_MAX_ATTEMPTS = env.int("FACEBOOK_MAX_ATTEMPTS", default=4)
FACEBOOK_RETRY_BASE_SECONDS = env.float("FACEBOOK_RETRY_BASE_SECONDS", default=2.0)
FACEBOOK_RETRY_MAX_SECONDS = env.float("FACEBOOK_RETRY_MAX_SECONDS", default=60.0)
# An item stays "being posted" this long after a run claimed it; only then may another
# run assume that run died and check the Facebook page for it. Longer than one item's
# worst case: attempts x (post + feed read) x timeout + the backoff sleeps.
FACEBOOK_CLAIM_LEASE_SECONDS = env.int("FACEBOOK_CLAIM_LEASE_SECONDS", default=600)
# After an answer from Facebook was lost, wait this long before looking for the post on
# the page: a post just created may take a moment to show in the feed.
FACEBOOK_RECONCILE_DELAY_SECONDS = env.float("FACEBOOK_RECONCILE_DELAY_SECONDS", default=5.0)
# After an editor publishes a marked page, queue a run on the task worker.
FACEBOOK_PUBLISH_ON_PAGE_PUBLISH = env.bool("FACEBOOK_PUBLISH_ON_PAGE_PUBLISH", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # The task worker: one line per task that fails or takes longer than a second.
    "filters": {"notable_tasks": {"()": "publishing.task_logging.NotableTasksOnly", "slow_seconds": 1.0}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # httpx logs every request URL at INFO; a Graph API feed read carries the page token.
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
        "django_tasks": {"filters": ["notable_tasks"]},
    },
}
