"""Media on S3-compatible object storage, for a site served by more than one host.

Images and their renditions are public objects with plain, unsigned URLs: those URLs
go into cached API answers, newsletters and Facebook posts, which must keep working
far longer than any signature would.

Documents are private objects, whatever their collection. A collection's view
restrictions are checked in Wagtail's serve view (`/documents/<id>/<file>`), which
then redirects to a URL signed for a few minutes, or streams the file itself
(`WAGTAILDOCS_SERVE_METHOD`, cms/settings/media.py). So no document is ever readable
at a public URL, and moving one into a private collection needs no change in the
bucket.

The storage tells the two apart by key prefix (Wagtail's upload folders), which is why
it wants a bucket of its own rather than a folder (`location`) in a shared one.
"""

from botocore.config import Config
from django.core.exceptions import ImproperlyConfigured
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# AbstractDocument.file has upload_to="documents"; images use original_images/ and images/.
PRIVATE_PREFIXES = ("documents/",)


class MediaStorage(S3Storage):
    # Wagtail expects unique names: a second "rapport.pdf" must not replace the first one's file.
    file_overwrite = False
    # Public objects get plain URLs; url() signs the private ones itself.
    querystring_auth = False
    # Files read through Django (originals for renditions, streamed documents) are fetched whole:
    # past 5 MB they spill from memory to a temporary file.
    max_memory_size = 5 * 1024 * 1024

    def get_default_settings(self):
        return {
            **super().get_default_settings(),
            # Give each object its ACL (public-read or private) on upload. Off for buckets with
            # ACLs disabled, where a bucket policy makes the image prefixes public.
            "object_acls": True,
            # A store that hangs holds a web worker: seconds to connect and per read, and tries
            # in all (botocore's "standard" retries, with backoff and jitter).
            "connect_timeout": 5.0,
            "read_timeout": 20.0,
            "max_attempts": 3,
        }

    def __init__(self, **settings):
        super().__init__(**settings)
        if self.location:
            raise ImproperlyConfigured(
                "MediaStorage keeps documents private by key prefix; give the site a bucket of its own "
                "instead of a location inside one."
            )
        self.client_config = self.client_config.merge(
            Config(
                connect_timeout=self.connect_timeout,
                read_timeout=self.read_timeout,
                retries={"mode": "standard", "total_max_attempts": self.max_attempts},
            )
        )

    def is_private(self, name: str) -> bool:
        return clean_name(name).startswith(PRIVATE_PREFIXES)

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        if self.object_acls:
            params.setdefault("ACL", "private" if self.is_private(name) else "public-read")
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.is_private(name):
            return super().url(name, parameters, expire, http_method)
        # Signed against the bucket's own endpoint, never the custom domain: a CDN there
        # would keep the private file and hand it to anyone who asks for the same URL.
        params = {**(parameters or {}), "Bucket": self.bucket_name, "Key": self._normalize_name(clean_name(name))}
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=self.querystring_expire if expire is None else expire,
            HttpMethod=http_method,
        )
