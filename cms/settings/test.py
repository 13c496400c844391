"""Tests: fast hashing, local-memory cache, tasks run immediately, no outside services."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off by default so SQL-count tests measure execution; tests/api/test_response_cache.py turns it on.
GRAPHQL_RESPONSE_CACHE = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default=BASE_DIR / "media" / "test")  # noqa: F405
FRONTEND_BASE_URL = "https://frontend.test"
WAGTAILADMIN_BASE_URL = "http://testserver"
GRAPHIQL_ENABLED = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
