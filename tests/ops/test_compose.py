"""docker-compose.yml describes the production stack, and .env.example documents its variables."""

import re

import pytest
import yaml

from tests.ops.conftest import BASE_DIR

COMPOSE_FILE = BASE_DIR / "docker-compose.yml"
ENV_EXAMPLE = BASE_DIR / ".env.example"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


def documented_variables():
    """Names in .env.example, set (`NAME=`) or deliberately left unset (`# NAME=`)."""
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", ENV_EXAMPLE.read_text(), flags=re.MULTILINE))


def test_compose_has_the_production_services(compose):
    assert {"db", "redis", "web", "worker", "scheduler"} <= set(compose["services"])


def test_web_waits_for_a_healthy_database(compose):
    services = compose["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["web"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_web_migrates_then_serves_with_gunicorn(compose):
    command = " ".join(compose["services"]["web"]["command"])
    assert command.index("manage.py migrate --noinput") < command.index("gunicorn cms.wsgi:application")


def test_worker_and_scheduler_run_the_jobs(compose):
    services = compose["services"]
    assert "db_worker" in services["worker"]["command"]
    scheduler = " ".join(services["scheduler"]["command"])
    assert "python manage.py publish_scheduled" in scheduler
    assert "sleep 60" in scheduler


def test_django_services_use_production_settings(compose):
    for name in ("web", "worker", "scheduler"):
        assert compose["services"][name]["environment"]["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"


def test_every_compose_variable_is_documented_in_env_example():
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", COMPOSE_FILE.read_text()))
    assert used, "the compose file should take its values from the environment"
    assert used - documented_variables() == set()


def test_every_variable_the_settings_read_is_documented_in_env_example():
    settings_source = "\n".join(path.read_text() for path in (BASE_DIR / "cms" / "settings").glob("*.py"))
    read = set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z][A-Z0-9_]*)\"", settings_source))
    assert "SECRET_KEY" in read
    # TEST_MEDIA_ROOT belongs to the test settings only.
    assert read - {"TEST_MEDIA_ROOT"} - documented_variables() == set()


def test_scheduler_runs_the_facebook_publisher_when_a_page_is_configured(compose):
    scheduler = " ".join(compose["services"]["scheduler"]["command"])
    assert 'if [ -n "$$FACEBOOK_PAGE_ID" ]; then python manage.py publish_to_facebook; fi' in scheduler
