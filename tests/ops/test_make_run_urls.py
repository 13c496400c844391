"""`make run PORT=8400` puts port 8400 in every URL: the API's document and image URLs, the
newsletter's links, the printed admin URL and the GraphQL URL the worker and the jobs read."""

import json
import shlex
import shutil

import pytest

from tests.ops.conftest import PYTHON, process_env, run

BASE_URL = "http://127.0.0.1:8400"

# With the environment `make run` gives its commands: what the API and the mails then say.
SCRIPT = """
import json, uuid
import django
django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.images.tests.utils import get_test_image_file
from documents.models import PlanDocument, PlanImage
from newsletter.links import one_click_unsubscribe_url
from tests.factories import NewsPageFactory, create_site_tree

tree = create_site_tree()
image = PlanImage.objects.create(title="Gadefest", file=get_test_image_file(filename="gadefest.png"))
NewsPageFactory(parent=tree["news"], title="Gadefest i Nordbyen", listing_image=image)
document = PlanDocument(title="Referat")
document.file.save("referat.txt", ContentFile(b"referat"))
query = "{ newsItems { items { image { rendition(name: CARD) { url srcSet } } } } documents { items { url } } }"
response = Client(HTTP_HOST="127.0.0.1").post("/graphql/", {"query": query}, content_type="application/json")
data = response.json()["data"]
rendition = data["newsItems"]["items"][0]["image"]["rendition"]
print(json.dumps({
    "document": data["documents"]["items"][0]["url"],
    "rendition": rendition["url"],
    "src_set": rendition["srcSet"],
    "unsubscribe": one_click_unsubscribe_url(key=uuid.uuid4()),
    "cms_graphql_url": settings.CMS_GRAPHQL_URL,
}))
"""


@pytest.fixture(scope="module")
def make_run_commands() -> dict[str, tuple[dict[str, str], list[str]]]:
    """`make run PORT=8400`'s manage.py commands, as `make -n` prints them: name -> (variables, argv)."""
    result = run(["make", "-n", "run", "PORT=8400"], process_env())
    assert result.returncode == 0, result.stdout + result.stderr
    commands = {}
    for line in result.stdout.splitlines():
        if "manage.py" not in line:
            continue
        words = shlex.split(line.split("&", 1)[0])
        variables = dict(word.split("=", 1) for word in words if "=" in word and not word.startswith("-"))
        argv = [word for word in words if "=" not in word or word.startswith("-")]
        commands[argv[argv.index("manage.py") + 1]] = (variables, argv)
    return commands


def test_make_run_serves_on_the_port_and_tells_every_command_its_url(make_run_commands):
    assert set(make_run_commands) == {"migrate", "load_demo_content", "ensure_dev_admin", "db_worker", "runserver"}
    for name, (variables, _argv) in make_run_commands.items():
        assert variables["WAGTAILADMIN_BASE_URL"] == BASE_URL, name
        assert variables["CMS_GRAPHQL_URL"] == f"{BASE_URL}/graphql/", name
    assert make_run_commands["runserver"][1][-1] == "127.0.0.1:8400"


def test_urls_in_the_api_the_mails_the_jobs_and_the_hints_name_the_port(
    make_run_commands, migrated_production_db, tmp_path
):
    shutil.copy(migrated_production_db / "db.sqlite3", tmp_path / "db.sqlite3")
    variables, _ = make_run_commands["ensure_dev_admin"]
    env = process_env(
        **variables, DEBUG="True", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", MEDIA_ROOT=str(tmp_path)
    )

    hint = run([PYTHON, "manage.py", "ensure_dev_admin"], env)
    assert hint.returncode == 0, hint.stderr
    assert f"Admin: {BASE_URL}/admin/" in hint.stdout
    assert f"GraphQL: {BASE_URL}/graphql/" in hint.stdout

    result = run([PYTHON, "-c", SCRIPT], env)
    assert result.returncode == 0, result.stdout + result.stderr
    urls = json.loads(result.stdout.strip().splitlines()[-1])
    assert urls["document"].startswith(f"{BASE_URL}/documents/")
    assert urls["rendition"].startswith(f"{BASE_URL}/media/images/")
    assert all(entry.startswith(f"{BASE_URL}/media/images/") for entry in urls["src_set"].split(", "))
    assert urls["unsubscribe"].startswith(f"{BASE_URL}/nyhedsbrev/afmeld/")
    assert urls["cms_graphql_url"] == f"{BASE_URL}/graphql/"
