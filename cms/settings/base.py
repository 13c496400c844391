"""Settings shared by every environment.

Everything that differs between machines comes from the environment through one
`env` object (django-environ). `.env.example` lists every variable.
"""

from pathlib import Path

import environ

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
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# Cache: Redis when REDIS_URL is set, otherwise process memory.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    # A cache that is down must not take the site down, but it must be seen in the logs.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# GraphQL response cache (api/cache.py): entries die when content changes; these bound the rest.
GRAPHQL_RESPONSE_CACHE = env.bool("GRAPHQL_RESPONSE_CACHE", default=True)
GRAPHQL_CACHE_TIMEOUT = env.int("GRAPHQL_CACHE_TIMEOUT", default=300)
GRAPHQL_CACHE_MAX_AGE = env.int("GRAPHQL_CACHE_MAX_AGE", default=0)
# With Redis: each worker's copies of answers (bytes), and how often it re-reads the
# content generation even without a push from Redis (api/generation.py).
GRAPHQL_CACHE_LOCAL_BYTES = env.int("GRAPHQL_CACHE_LOCAL_BYTES", default=32 * 1024 * 1024)
GRAPHQL_GENERATION_RECHECK = env.float("GRAPHQL_GENERATION_RECHECK", default=1.0)

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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

AUTH_USER_MODEL = "users.User"

# Wagtail
WAGTAIL_SITE_NAME = "Helhedsplan Randers"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_DOCUMENT_MODEL = "documents.PlanDocument"
WAGTAILIMAGES_IMAGE_MODEL = "documents.PlanImage"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are served by Django so collection privacy is enforced on download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_FINDERS = []  # never fetch oEmbed: video blocks store a URL and a title
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if IS_POSTGRES:
    # Danish stemming: "boligområde" finds "boligområder".
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "danish"

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
# Sending: SMTP tries per recipient in one run, the first pause between them (doubling),
# tries in all before a temporary failure becomes permanent, and how long a delivery left
# "being sent" by a killed run waits before another run sends it again.
NEWSLETTER_SEND_RETRIES = 3
NEWSLETTER_RETRY_DELAY_SECONDS = 2.0
NEWSLETTER_MAX_ATTEMPTS = 10
NEWSLETTER_STALE_SENDING_SECONDS = 300
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
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # httpx logs every request URL at INFO; a Graph API feed read carries the page token.
    "loggers": {"httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}
