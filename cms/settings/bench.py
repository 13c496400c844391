"""The benchmark (`make bench`): production-like, plus the comparison endpoints under /bench/.

Never used by a deployment. It adds the `bench` app (generate_bench_data, the
hand-written and trivial views, Wagtail's REST API for comparison) and keeps
database connections open between requests, as production should (CONN_MAX_AGE).
"""

import warnings

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="bench-only-key-not-for-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "andet.localhost", "testserver"]
BENCH_ENABLED = True
INSTALLED_APPS = [*INSTALLED_APPS, "bench", "wagtail.api.v2", "rest_framework"]
ROOT_URLCONF = "bench.urls"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "bench" / "tmp" / "media")  # noqa: F405
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # The rejection measurements send hundreds of bad requests on purpose.
    "loggers": {"django.request": {"level": "ERROR"}},
}

# The benchmark serves no static files: WhiteNoise's warning about a missing STATIC_ROOT is noise.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
