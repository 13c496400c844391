"""Helpers for tests that run the project as separate processes, the way a server does.

Each subprocess gets an explicit environment: nothing from the caller's shell (a
DATABASE_URL, a DEBUG) leaks in. Only a developer's own `.env` can still fill gaps,
because cms/settings/base.py reads it for variables that are not set.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
DUMMY_SECRET_KEY = "ops-test-only-key-" + "k3y" * 20


def process_env(**variables: str) -> dict[str, str]:
    """A minimal environment plus `variables`; `PATH` is kept so the venv's tools are found."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    env.update(variables)
    return env


def production_env(tmp_dir: Path, **overrides: str) -> dict[str, str]:
    """Production settings on a SQLite file in `tmp_dir`, reachable over plain HTTP on loopback."""
    return process_env(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=DUMMY_SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="False",
        DATABASE_URL=f"sqlite:///{tmp_dir / 'db.sqlite3'}",
        MEDIA_ROOT=str(tmp_dir / "media"),
        **overrides,
    )


def run(args: list[str], env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="session")
def migrated_production_db(tmp_path_factory) -> Path:
    """A folder holding a SQLite database migrated with the production settings."""
    tmp_dir = tmp_path_factory.mktemp("production")
    result = run([PYTHON, "manage.py", "migrate", "--noinput"], production_env(tmp_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_dir
