"""Helpers for the publisher tests: pages to post, and the job run in this process or as its own process."""

import contextlib
import logging
import re
import subprocess
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import PageViewRestriction

from publishing.models import SocialPost
from publishing.report import Outcome
from tests.factories import EventPageFactory, NewsPageFactory
from tests.ops.conftest import BASE_DIR, DUMMY_SECRET_KEY, PYTHON, process_env

from .fake_graph import FakeGraphApi

# Short, so timeouts cost little; the fake's "slow" answers take longer than this.
CLIENT_TIMEOUT = 0.5
SLOWER_THAN_TIMEOUT = 1.5


def publish(page):
    """Publish through a revision, as the admin does: sets first_published_at and sends page_published."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def marked_news(title: str, **fields):
    return publish(NewsPageFactory(title=title, live=False, share_on_facebook=True, **fields))


def marked_event(title: str, **fields):
    return publish(EventPageFactory(title=title, live=False, share_on_facebook=True, **fields))


def make_private(page) -> None:
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="hemmelig")


def link_of(page) -> str:
    return f"{settings.FRONTEND_BASE_URL}{page.url_path.removeprefix('/forside')}"


def ledger(page) -> SocialPost:
    return SocialPost.objects.get(page_id=page.pk)


def run_job(*args: str) -> tuple[int, str, str]:
    """`manage.py publish_to_facebook` in this process: (exit code, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("publish_to_facebook", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    except CommandError as error:
        code = 1
        err.write(str(error))
    return code, out.getvalue(), err.getvalue()


def database_url() -> str:
    """The test database (already created by pytest-django), as a URL for a separate process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def start_job_process(
    *, live_server, fake: FakeGraphApi, tmp_path: Path, args: tuple[str, ...] = (), **env: str
) -> subprocess.Popen:
    """The job as cron runs it: its own process, production settings, the test database."""
    environment = process_env(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=DUMMY_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url(),
        MEDIA_ROOT=str(tmp_path / "media"),
        FRONTEND_BASE_URL=settings.FRONTEND_BASE_URL,
        CMS_GRAPHQL_URL=f"{live_server.url}/graphql/",
        FACEBOOK_GRAPH_API_URL=fake.url,
        FACEBOOK_PAGE_ID=fake.page_id,
        FACEBOOK_PAGE_ACCESS_TOKEN=fake.access_token,
        FACEBOOK_HTTP_TIMEOUT_SECONDS=str(CLIENT_TIMEOUT),
        FACEBOOK_RETRY_BASE_SECONDS="0.01",
        FACEBOOK_RETRY_MAX_SECONDS="0.05",
        FACEBOOK_RECONCILE_DELAY_SECONDS="0",
        **env,
    )
    return subprocess.Popen(
        [PYTHON, "manage.py", "publish_to_facebook", *args],
        cwd=BASE_DIR,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.INFO)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))  # with the traceback, if any


@contextlib.contextmanager
def captured_logs() -> Iterator[list[str]]:
    """Every log line written meanwhile, formatted as the console would show it (pytest's own capture is off)."""
    handler = _Lines()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)  # httpx logs every request URL at INFO
    try:
        yield handler.lines
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def line(outcome: Outcome, title: str) -> str:
    return f"{outcome:<14} {title}  -> "


def summary(out: str) -> tuple[int, int, int]:
    match = re.search(r"Opslået: (\d+), sprunget over: (\d+), fejlet: (\d+)", out)
    assert match, out
    return tuple(int(group) for group in match.groups())
