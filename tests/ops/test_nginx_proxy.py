"""The reverse proxy of docker-compose.yml, for real: Debian's nginx with our template in front of
gunicorn and the production settings, over TLS with a certificate made by the test."""

import json
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.ops.conftest import BASE_DIR, PYTHON, production_env, run
from tests.ops.nginx import NGINX, free_port, start_proxy

pytestmark = pytest.mark.skipif(
    not (Path(NGINX).exists() and shutil.which("openssl")),
    reason=f"needs Debian's nginx ({NGINX}) and openssl: apt-get install nginx-light openssl",
)

GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
FORGED = {
    "X-Real-IP": "203.0.113.7",
    "X-Forwarded-For": "203.0.113.7",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "evil.example",
}

# Runs once with the production settings: what an editor would have uploaded, and the
# static files the image collects at build time (STATIC_ROOT moved into the test's folder).
SETUP = """
import json, sys
from django.conf import settings
settings.STATIC_ROOT = sys.argv[1]
import django
django.setup()
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction
from documents.models import PlanDocument, PlanImage

call_command("collectstatic", "--noinput", verbosity=0)
root = Collection.get_first_root_node()
private = root.add_child(name="Intern")
CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
public_document = PlanDocument(title="Offentligt referat", collection=root)
public_document.file.save("offentlig.txt", ContentFile(b"offentligt indhold"))
private_document = PlanDocument(title="Hemmeligt notat", collection=private)
private_document.file.save("hemmelig.txt", ContentFile(b"hemmeligt indhold"))
image = PlanImage.objects.create(title="Gadefest", file=get_test_image_file(filename="gadefest.png"))
rendition = image.get_rendition("fill-320x200|format-webp")
print(json.dumps({
    "public_document": {"url": public_document.url, "file": public_document.file.url},
    "private_document": {"url": private_document.url, "file": private_document.file.url},
    "original_image": image.file.url,
    "rendition": rendition.url,
    "static": settings.STATIC_URL + "wagtailadmin/js/core.js",
}))
"""


def wait_for_http(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, f"exited early:\n{log.read_text()}"
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:  # refused, or not answering yet
            assert time.monotonic() < deadline, f"no answer in 60 s:\n{log.read_text()}"
            time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def site(migrated_production_db, tmp_path_factory):
    """gunicorn (production settings, compose's proxy-related values) behind nginx; yields the proxy and the files."""
    tmp = tmp_path_factory.mktemp("proxied")
    shutil.copy(migrated_production_db / "db.sqlite3", tmp / "db.sqlite3")
    gunicorn_port = free_port()
    proxy = start_proxy(tmp / "nginx", upstream=f"127.0.0.1:{gunicorn_port}", files_root=tmp)
    env = production_env(tmp)
    env.update(
        SECURE_SSL_REDIRECT="True",
        WAGTAILADMIN_BASE_URL=f"https://127.0.0.1:{proxy.https_port}",
        RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP",
        NEWSLETTER_RATE_PER_IP="2/h",
    )
    setup = run([PYTHON, "-c", SETUP, str(tmp / "static")], env)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    files = json.loads(setup.stdout.strip().splitlines()[-1]) | {"static_root": str(tmp / "static")}

    log = tmp / "gunicorn.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [GUNICORN, "cms.wsgi:application", "--bind", f"127.0.0.1:{gunicorn_port}", "--workers", "1"],
            cwd=BASE_DIR,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_http(f"http://127.0.0.1:{gunicorn_port}/healthz/", server, log)
        yield proxy, files
    finally:
        proxy.stop()
        stop(server)


def graphql(proxy, query: str, variables=None, headers=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    answer = proxy.request(
        "POST", "/graphql/", body=body, headers={"Content-Type": "application/json", **(headers or {})}
    )
    return answer, json.loads(answer.body) if answer.status == 200 else None


def test_graphql_answers_through_the_proxy_and_its_document_urls_work(site):
    proxy, files = site
    answer, data = graphql(proxy, "{ documents { items { title url } } }")
    assert answer.status == 200, answer.body
    items = data["data"]["documents"]["items"]
    # Anonymous: the public document only, with a URL through the proxy that downloads it.
    assert [item["title"] for item in items] == ["Offentligt referat"]
    url = items[0]["url"]
    assert url == f"https://127.0.0.1:{proxy.https_port}{files['public_document']['url']}"
    download = proxy.request("GET", url.split(str(proxy.https_port), 1)[1])
    assert download.status == 200
    assert download.body == b"offentligt indhold"


def test_the_proxy_overwrites_the_client_address_so_the_rate_limit_holds(site):
    """Three subscribes, each claiming another client address: with RATELIMIT_IP_META_KEY=HTTP_X_REAL_IP
    and 2/h per address, the third is refused, because the proxy replaced the claim with the real address."""
    proxy, _ = site
    mutation = "mutation($email: String!) { subscribeToNewsletter(email: $email, consent: true) { ok message } }"
    results = []
    for number in range(3):
        forged = {"X-Real-IP": f"198.51.100.{number + 1}", "X-Forwarded-For": f"198.51.100.{number + 1}"}
        answer, data = graphql(proxy, mutation, {"email": f"person{number}@example.com"}, headers=forged)
        assert answer.status == 200, answer.body
        results.append(data["data"]["subscribeToNewsletter"]["ok"])
    assert results == [True, True, False]


def test_a_forged_forwarded_proto_cannot_make_plain_http_look_secure(site):
    proxy, _ = site
    # Plain HTTP: the proxy redirects to HTTPS itself; a claimed "https" changes nothing.
    answer = proxy.request("GET", "/graphql/", tls=False, headers={"X-Forwarded-Proto": "https"})
    assert answer.status == 301
    assert answer.headers["Location"].startswith("https://127.0.0.1")
    # Over HTTPS a claimed "http" is replaced too: Django sees a secure request and serves it.
    answer, data = graphql(proxy, "{ __typename }", headers={"X-Forwarded-Proto": "http"})
    assert answer.status == 200
    assert data == {"data": {"__typename": "Query"}}


def test_health_checks_answer_over_plain_http(site):
    proxy, _ = site
    answer = proxy.request("GET", "/healthz/", tls=False)
    assert answer.status == 200
    assert json.loads(answer.body) == {"status": "ok"}


def test_static_files_are_served_by_the_proxy_with_long_cache_headers(site):
    proxy, files = site
    manifest = json.loads(Path(files["static_root"], "staticfiles.json").read_text())
    hashed = "/static/" + manifest["paths"]["wagtailadmin/js/core.js"]
    answer = proxy.request("GET", hashed, headers={"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["Content-Encoding"] == "gzip"  # WhiteNoise's precompressed copy
    assert "gunicorn" not in (answer.headers["Server"] or "")
    unhashed = proxy.request("GET", files["static"])
    assert unhashed.status == 200
    assert unhashed.headers["Cache-Control"] == "public, max-age=3600"


def test_images_and_renditions_are_served_by_the_proxy(site):
    proxy, files = site
    for path, content_type in ((files["rendition"], "image/webp"), (files["original_image"], "image/png")):
        answer = proxy.request("GET", path)
        assert answer.status == 200, path
        assert answer.headers["Content-Type"] == content_type
        assert answer.headers["Cache-Control"] == "public, max-age=2592000"
        assert len(answer.body) > 0


def test_document_files_are_never_served_from_disk(site):
    proxy, files = site
    private = files["private_document"]
    assert private["file"].startswith("/media/documents/")
    for path in (
        private["file"],
        files["public_document"]["file"],
        private["file"].replace("/media/documents/", "/media/images/../documents/"),
        private["file"].replace("/media/documents/", "/media/images/%2e%2e/documents/"),
        private["file"].replace("/media/documents/", "/media//documents/"),
    ):
        answer = proxy.request("GET", path)
        assert answer.status == 404, path
        assert b"hemmeligt" not in answer.body and b"offentligt" not in answer.body
    # Wagtail's serve view checks the collection: the private one asks for a login.
    answer = proxy.request("GET", private["url"])
    assert answer.status == 302
    assert "login" in answer.headers["Location"]


def test_the_proxy_accepts_document_sized_uploads(site):
    proxy, _ = site
    body = b"x" * (3 * 1024 * 1024)  # above nginx's default limit of 1 MB
    answer = proxy.request("POST", "/admin/login/", body=body, headers={"Content-Type": "application/octet-stream"})
    assert answer.status != 413
    assert b"nginx" not in answer.body


class _RecordingUpstream(BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def do_GET(self):
        self.seen.append({name.lower(): value for name, value in self.headers.items()})
        body = b"{}"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_the_upstream_receives_the_proxys_forwarding_headers_not_the_clients(tmp_path):
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), _RecordingUpstream)
    _RecordingUpstream.seen = []
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    proxy = start_proxy(tmp_path / "nginx", upstream=f"127.0.0.1:{upstream.server_port}", files_root=tmp_path)
    try:
        assert proxy.request("GET", "/graphql/?query=%7B__typename%7D", headers=FORGED).status == 200
        assert proxy.request("GET", "/healthz/", tls=False, headers=FORGED).status == 200
    finally:
        proxy.stop()
        upstream.shutdown()
    over_tls, over_http = _RecordingUpstream.seen
    assert over_tls["x-real-ip"] == over_tls["x-forwarded-for"] == "127.0.0.1"
    assert over_tls["x-forwarded-proto"] == "https"
    assert over_tls["x-forwarded-host"] == over_tls["host"] == f"127.0.0.1:{proxy.https_port}"
    assert over_http["x-real-ip"] == over_http["x-forwarded-for"] == "127.0.0.1"
    assert over_http["x-forwarded-proto"] == "http"
