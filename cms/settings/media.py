"""Where uploaded files live: the local disk, or S3-compatible object storage.

One host keeps media in MEDIA_ROOT. Several web hosts need one store that all of them,
and the task worker, read and write: setting AWS_STORAGE_BUCKET_NAME puts images,
renditions and documents in a bucket through django-storages (documents/storage.py).
A function of `env`, so that a test can switch storage by setting variables and
calling it, the same way the settings do.
"""

from dataclasses import dataclass
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

# "direct" is left out on purpose: it links documents straight to their files, past the
# collection's view restrictions that only the serve view checks.
DOCUMENT_SERVE_METHODS = ("redirect", "serve_view")


@dataclass(frozen=True)
class MediaSettings:
    storage: dict[str, Any]  # STORAGES["default"]
    documents_serve_method: str  # WAGTAILDOCS_SERVE_METHOD


def media_settings(env: environ.Env) -> MediaSettings:
    bucket = env("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        # Documents are served by Django so collection privacy is enforced on download.
        return MediaSettings(
            storage={"BACKEND": "django.core.files.storage.FileSystemStorage"}, documents_serve_method="serve_view"
        )
    # With a bucket, "redirect": the serve view checks privacy, then sends the browser to a
    # URL signed for AWS_QUERYSTRING_EXPIRE seconds, so no web worker streams the file.
    serve_method = env("WAGTAILDOCS_SERVE_METHOD", default="redirect")
    if serve_method not in DOCUMENT_SERVE_METHODS:
        raise ImproperlyConfigured(f"WAGTAILDOCS_SERVE_METHOD must be one of {', '.join(DOCUMENT_SERVE_METHODS)}")
    options = {
        "bucket_name": bucket,
        # Empty: AWS itself. Other providers and MinIO: their https endpoint.
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env("AWS_S3_REGION_NAME", default="") or None,
        # Empty: boto3's own chain (instance role, ~/.aws, ...).
        "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="") or None,
        # Signature version 4 everywhere: AWS refuses the older one in newer regions.
        "signature_version": "s3v4",
        # Host (a CDN) for the public image URLs; documents are always signed on the endpoint.
        "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default="") or None,
        "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=300),
        "object_acls": env.bool("AWS_S3_OBJECT_ACLS", default=True),
    }
    return MediaSettings(
        storage={"BACKEND": "documents.storage.MediaStorage", "OPTIONS": options},
        documents_serve_method=serve_method,
    )
