"""Media on S3-compatible storage, tested against moto's S3 server on loopback.

The storage is switched the way production switches it: AWS_* variables in the
environment, read by cms/settings/media.py. Files go up through the Wagtail admin,
come back over HTTP from the S3 server, and private documents are refused to anyone
who has not logged in, at the bucket as well as at the serve view.
"""

import io
import json
import re
import socket
import threading
import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import boto3
import environ
import httpx
import pytest
import yaml
from botocore.exceptions import ReadTimeoutError
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from wagtail.models import Collection, CollectionViewRestriction

from cms.settings.media import media_settings
from documents.models import PlanDocument, PlanImage
from pages.models import NewsPage
from tests.factories import SuperuserFactory

pytestmark = pytest.mark.django_db
REGION = "eu-north-1"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "moto-test-key", "AWS_SECRET_ACCESS_KEY": "moto-test-secret"}
CARD_QUERY = "{ newsItems { items { title image { title rendition(name: CARD) { url srcSet width height } } } } }"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server in this process, on a free loopback port."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


class Bucket:
    def __init__(self, endpoint: str, name: str):
        self.endpoint, self.name = endpoint, name
        self.client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION, **_boto_credentials())

    def keys(self, prefix: str = "") -> list[str]:
        return [
            item["Key"] for item in self.client.list_objects_v2(Bucket=self.name, Prefix=prefix).get("Contents", [])
        ]

    def public_url(self, key: str) -> str:
        """The object's address with no signature: what anyone on the internet can try."""
        return f"{self.endpoint}/{self.name}/{key}"


def _boto_credentials():
    return {
        "aws_access_key_id": CREDENTIALS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    }


@pytest.fixture
def use_bucket(s3_endpoint, monkeypatch, settings, tmp_path):
    """Return a function that puts media in a new bucket, configured by environment variables."""
    # Loopback only: no instance-metadata lookups, and credentials that exist only here.
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    # An empty MEDIA_ROOT shows that nothing lands on the local disk.
    settings.MEDIA_ROOT = str(tmp_path / "local-media")

    def switch(*, acls: bool = True, **variables: str) -> Bucket:
        bucket = Bucket(s3_endpoint, f"media-{uuid.uuid4().hex[:12]}")
        bucket.client.create_bucket(Bucket=bucket.name, CreateBucketConfiguration={"LocationConstraint": REGION})
        variables = {
            "AWS_STORAGE_BUCKET_NAME": bucket.name,
            "AWS_S3_ENDPOINT_URL": s3_endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_S3_OBJECT_ACLS": str(acls).lower(),
            **variables,
        }
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        media = media_settings(environ.Env())
        settings.STORAGES = {**settings.STORAGES, "default": media.storage}
        settings.WAGTAILDOCS_SERVE_METHOD = media.documents_serve_method
        return bucket

    cache.clear()  # Wagtail caches renditions; none may come from another test's storage
    yield switch
    cache.clear()


@pytest.fixture
def editor():
    """A logged-in superuser's browser, apart from the anonymous `client`."""
    editor = Client()
    editor.force_login(SuperuserFactory())
    return editor


def _graphql(client, query: str) -> dict:
    response = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    return body["data"]


def _png(width=800, height=500) -> io.BytesIO:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 40, 40)).save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = "havefest.png"
    return buffer


def _upload_image(client) -> PlanImage:
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Havefest",
            "file": _png(),
            "description": "Børn ved bålet",
            "credit": "Bysekretariatet",
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return PlanImage.objects.get(title="Havefest")


def _upload_document(client, *, title: str, collection: Collection, content: bytes, filename="rapport.pdf"):
    upload = io.BytesIO(content)
    upload.name = filename
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": title, "file": upload, "collection": collection.pk, "kind": "andet", "audience": "offentlig"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return PlanDocument.objects.get(title=title)


def _private_collection() -> Collection:
    private = Collection.get_first_root_node().add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    return private


PDF = b"%PDF-1.4\n% intern rapport\n"


def test_without_a_bucket_nothing_changes(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    media = media_settings(environ.Env())
    assert media.storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert media.documents_serve_method == "serve_view"


def test_direct_document_links_are_refused(monkeypatch):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "media")
    monkeypatch.setenv("WAGTAILDOCS_SERVE_METHOD", "direct")
    with pytest.raises(ImproperlyConfigured):
        media_settings(environ.Env())


def test_an_image_uploaded_in_the_admin_is_served_from_the_bucket_at_the_urls_the_api_returns(
    use_bucket, editor, client, site_tree, settings
):
    bucket = use_bucket()
    image = _upload_image(editor)
    assert bucket.keys("original_images/") == [image.file.name]
    page = NewsPage(title="Havefest i Vorup", slug="havefest", listing_image=image)
    site_tree["news"].add_child(instance=page)
    page.save_revision().publish()

    item = _graphql(client, CARD_QUERY)["newsItems"]["items"][0]

    rendition = item["image"]["rendition"]
    assert rendition["url"].startswith(f"{bucket.endpoint}/{bucket.name}/images/")
    urls = [rendition["url"]] + [entry.split(" ")[0] for entry in rendition["srcSet"].split(", ")]
    for url in urls:
        response = httpx.get(url)  # anonymous, unsigned: images are public objects
        assert response.status_code == 200, url
        assert response.headers["content-type"] == "image/webp"
    assert PILImage.open(io.BytesIO(httpx.get(rendition["url"]).content)).size == (640, 400)
    assert len(bucket.keys("images/")) == 2  # CARD's two sizes, its main one among them
    assert not Path(settings.MEDIA_ROOT).exists()  # nothing on this host's disk


def test_a_private_document_is_never_fetchable_without_login(use_bucket, editor, client):
    bucket = use_bucket()
    document = _upload_document(editor, title="Intern rapport", collection=_private_collection(), content=PDF)
    assert bucket.keys("documents/") == [document.file.name]

    # At the bucket: the object's own address, unsigned, is refused.
    assert httpx.get(bucket.public_url(document.file.name)).status_code == 403
    # At the CMS: the serve view sends an anonymous caller to the login.
    anonymous = client.get(document.url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("wagtailcore_login"))

    # Logged in: a redirect to a URL signed for a few minutes, which answers with the file.
    client.force_login(SuperuserFactory())
    response = client.get(document.url)
    assert response.status_code == 302
    signed = response["Location"]
    assert urlsplit(signed).path == f"/{bucket.name}/{document.file.name}"
    assert parse_qs(urlsplit(signed).query)["X-Amz-Expires"] == ["300"]
    fetched = httpx.get(signed)
    assert fetched.status_code == 200 and fetched.content == PDF


def test_a_public_document_is_a_private_object_too(use_bucket, editor, client):
    """Privacy is decided in the serve view alone: moving a document into a private collection needs no bucket change."""
    bucket = use_bucket()
    document = _upload_document(editor, title="Årsrapport", collection=Collection.get_first_root_node(), content=PDF)
    assert httpx.get(bucket.public_url(document.file.name)).status_code == 403

    response = client.get(document.url)
    assert response.status_code == 302
    assert httpx.get(response["Location"]).content == PDF


def test_the_serve_view_can_stream_documents_instead(use_bucket, editor, client):
    use_bucket(WAGTAILDOCS_SERVE_METHOD="serve_view")
    document = _upload_document(editor, title="Intern rapport", collection=_private_collection(), content=PDF)

    assert client.get(document.url)["Location"].startswith(reverse("wagtailcore_login"))
    client.force_login(SuperuserFactory())
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_two_uploads_with_the_same_file_name_keep_both_files(use_bucket, editor):
    bucket = use_bucket()
    root = Collection.get_first_root_node()
    first = _upload_document(editor, title="Referat marts", collection=root, content=b"%PDF-1.4 marts")
    second = _upload_document(editor, title="Referat april", collection=root, content=b"%PDF-1.4 april")

    assert first.file.name != second.file.name
    assert sorted(bucket.keys("documents/")) == sorted([first.file.name, second.file.name])
    with first.file.open("rb") as f:
        assert f.read() == b"%PDF-1.4 marts"


def test_a_custom_domain_serves_images_but_documents_are_signed_at_the_bucket(use_bucket, editor):
    bucket = use_bucket(AWS_S3_CUSTOM_DOMAIN="media.example.org")
    image = _upload_image(editor)
    document = _upload_document(editor, title="Intern rapport", collection=_private_collection(), content=PDF)

    assert image.file.url == f"https://media.example.org/{image.file.name}"
    signed = urlsplit(document.file.url)
    assert f"{signed.scheme}://{signed.netloc}" == bucket.endpoint
    assert "X-Amz-Signature" in parse_qs(signed.query)


def test_a_bucket_without_acls_relies_on_the_documented_policy(use_bucket, editor, client):
    """Buckets with ACLs switched off (AWS's default for new buckets) get public images from a bucket policy."""
    bucket = use_bucket(acls=False)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [f"arn:aws:s3:::{bucket.name}/original_images/*", f"arn:aws:s3:::{bucket.name}/images/*"],
            }
        ],
    }
    bucket.client.put_bucket_policy(Bucket=bucket.name, Policy=json.dumps(policy))
    image = _upload_image(editor)
    rendition = image.get_rendition("width-600|format-jpeg")
    document = _upload_document(editor, title="Intern rapport", collection=_private_collection(), content=PDF)

    assert httpx.get(rendition.url).status_code == 200
    assert httpx.get(bucket.public_url(document.file.name)).status_code == 403
    assert httpx.get(document.file.url).content == PDF


def test_a_hung_store_costs_a_bounded_number_of_tries(monkeypatch):
    """An endpoint that accepts connections and never answers: three tries, each cut off by the read timeout."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def accept_and_stay_silent():
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            accepted.append(connection)

    threading.Thread(target=accept_and_stay_silent, daemon=True).start()
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "media")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", f"http://127.0.0.1:{listener.getsockname()[1]}")
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    config = media_settings(environ.Env()).storage
    storage = storages.create_storage({**config, "OPTIONS": {**config["OPTIONS"], "read_timeout": 0.2}})
    try:
        with pytest.raises(ReadTimeoutError):
            storage.save("documents/rapport.pdf", ContentFile(PDF))
    finally:
        listener.close()
        for connection in accepted:
            connection.close()
    assert len(accepted) == 3


def test_the_compose_files_defaults_switch_to_a_bucket_and_nothing_else(monkeypatch):
    """docker-compose passes every media variable, empty when .env leaves it out: empty must mean the default."""
    environment = yaml.safe_load((Path(__file__).parents[2] / "docker-compose.yml").read_text())["x-django"][
        "environment"
    ]
    media_variables = {
        name: re.fullmatch(r"\$\{\w+:-(.*)\}", value).group(1)
        for name, value in environment.items()
        if name.startswith("AWS_") or name == "WAGTAILDOCS_SERVE_METHOD"
    }
    assert media_variables["AWS_STORAGE_BUCKET_NAME"] == ""
    for name, value in {**media_variables, "AWS_STORAGE_BUCKET_NAME": "helhedsplan-media"}.items():
        monkeypatch.setenv(name, value)

    media = media_settings(environ.Env())

    options = media.storage["OPTIONS"]
    assert media.documents_serve_method == "redirect"
    assert options["bucket_name"] == "helhedsplan-media"
    assert options["object_acls"] is True and options["querystring_expire"] == 300
    assert all(options[name] is None for name in ("endpoint_url", "access_key", "secret_key", "custom_domain"))
