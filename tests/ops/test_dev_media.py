"""Under `make run` (DEBUG, cms.settings.dev) /media/ serves images, as the proxy does in
production, and never the file of a document: documents go through Wagtail's serve view."""

import json
import shutil

from tests.ops.conftest import PYTHON, process_env, run

# Runs with the development settings: an editor's uploads, then requests with Django's test client.
SCRIPT = """
import json
import django
django.setup()
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction
from documents.models import PlanDocument, PlanImage

root = Collection.get_first_root_node()
private = root.add_child(name="Intern")
CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
public_document = PlanDocument(title="Offentligt referat", collection=root)
public_document.file.save("offentlig.txt", ContentFile(b"offentligt indhold"))
private_document = PlanDocument(title="Hemmeligt notat", collection=private)
private_document.file.save("hemmelig.txt", ContentFile(b"hemmeligt indhold"))
image = PlanImage.objects.create(title="Gadefest", file=get_test_image_file(filename="gadefest.png"))
rendition = image.get_rendition("fill-320x200|format-webp")

client = Client(HTTP_HOST="127.0.0.1")
private_file = private_document.file.url
paths = {
    "private_file": private_file,
    "public_file": public_document.file.url,
    "traversal": private_file.replace("/media/documents/", "/media/images/../documents/"),
    "private_view": private_document.url,
    "public_view": public_document.url,
    "original_image": image.file.url,
    "rendition": rendition.url,
}
answers = {}
for name, path in paths.items():
    response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    answers[name] = {
        "path": path,
        "status": response.status_code,
        "location": response.get("Location", ""),
        "secret_shown": b"hemmeligt" in body,
    }
print(json.dumps(answers))
"""


def test_make_run_serves_images_but_never_document_files(migrated_production_db, tmp_path):
    shutil.copy(migrated_production_db / "db.sqlite3", tmp_path / "db.sqlite3")
    env = process_env(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        DEBUG="True",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    result = run([PYTHON, "-c", SCRIPT], env)
    assert result.returncode == 0, result.stdout + result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])

    assert answers["private_file"]["path"].startswith("/media/documents/")
    for name in ("private_file", "public_file", "traversal"):
        assert answers[name]["status"] == 404, answers[name]
        assert not answers[name]["secret_shown"]
    assert answers["private_view"]["status"] == 302
    assert "login" in answers["private_view"]["location"]
    assert answers["public_view"]["status"] == 200
    for name in ("original_image", "rendition"):
        assert answers[name]["path"].startswith("/media/")
        assert answers[name]["status"] == 200, answers[name]
