"""Tests: fast hashing, local-memory cache, tasks run immediately, no outside services."""

import os
import tempfile
import uuid
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off by default so SQL-count tests measure execution; tests/api/test_response_cache.py turns it on.
GRAPHQL_RESPONSE_CACHE = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Workers run inside the test process (call_command("db_worker")) must not leave a heartbeat
# thread writing to the test database; tests that need one start a worker process.
TASKS_HEARTBEAT_SECONDS = 0
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Files on the local disk whatever a developer's .env says about a bucket;
# tests/documents/test_s3_storage.py switches to a local S3 server itself.
STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # noqa: F405
WAGTAILDOCS_SERVE_METHOD = "serve_view"
MEDIA_ROOT = env.path("TEST_MEDIA_ROOT", default=BASE_DIR / "media" / "test")  # noqa: F405
FRONTEND_BASE_URL = "https://frontend.test"
FRONTEND_PREVIEW_URL = f"{FRONTEND_BASE_URL}/api/preview"
WAGTAILADMIN_BASE_URL = "http://testserver"
GRAPHIQL_ENABLED = False
NEWSLETTER_UNSUBSCRIBE_BASE_URL = "https://cms.test"
NEWSLETTER_RETRY_DELAY_SECONDS = 0.0
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not memory: the publishing jobs run as separate processes in tests and must
    # see the rows the test wrote. One file per pytest process, removed at the end.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"test_helhedsplan_{os.getpid()}_{uuid.uuid4().hex[:8]}.sqlite3"),
    }
    # A throwaway file needs no durability: skip the fsyncs that would make it slower than memory.
    # WAL, IMMEDIATE and the busy timeout stay as in base.py: tests run servers and workers at once.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Never the network, whatever a developer's .env holds: tests that run the Facebook
# job point it at a local fake Graph API themselves (port 9 refuses connections).
CMS_GRAPHQL_URL = "http://127.0.0.1:9/graphql/"
FACEBOOK_GRAPH_API_URL = "http://127.0.0.1:9/v23.0"
FACEBOOK_PAGE_ID = ""
FACEBOOK_PAGE_ACCESS_TOKEN = ""
FACEBOOK_RETRY_BASE_SECONDS = 0.01
FACEBOOK_RETRY_MAX_SECONDS = 0.05
FACEBOOK_HTTP_TIMEOUT_SECONDS = 2.0
FACEBOOK_RECONCILE_DELAY_SECONDS = 0.0
