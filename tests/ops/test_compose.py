"""docker-compose.yml describes the production stack, and .env.example documents its variables."""

import re

import pytest
import yaml

from tests.ops.conftest import BASE_DIR
from tests.ops.nginx import template_variables

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
    # ${NAME}, ${NAME:-default}, ${NAME:?message}, also nested in a default; not $${...},
    # which compose passes on to the container's shell.
    used = set(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)", COMPOSE_FILE.read_text()))
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


def test_only_the_proxy_publishes_ports(compose):
    services = compose["services"]
    assert {name for name, service in services.items() if service.get("ports")} == {"proxy"}
    assert services["proxy"]["ports"] == ["${PROXY_HTTP_PORT:-80}:80", "${PROXY_HTTPS_PORT:-443}:443"]
    assert services["web"]["expose"] == ["8000"]
    assert "--bind 0.0.0.0:8000" in " ".join(services["web"]["command"])


def test_the_proxy_runs_our_template_with_every_value_it_needs(compose):
    proxy = compose["services"]["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert "./deploy/nginx/templates:/etc/nginx/templates:ro" in proxy["volumes"]
    assert template_variables() <= set(proxy["environment"])
    assert proxy["environment"]["NGINX_UPSTREAM"] == "web:8000"
    assert proxy["environment"]["NGINX_FILES_ROOT"] == "/srv"


def test_the_proxy_reads_the_files_web_writes(compose):
    services = compose["services"]
    assert {"static:/srv/static:ro", "media:/srv/media:ro"} <= set(services["proxy"]["volumes"])
    assert {"static:/app/static-shared", "media:/app/media"} <= set(services["web"]["volumes"])
    command = " ".join(services["web"]["command"])
    assert command.index("cp -R /app/static/. /app/static-shared/") < command.index("exec gunicorn")
    assert {"static", "media"} <= set(compose["volumes"])


def test_the_rate_limit_keys_on_the_address_the_proxy_sets(compose):
    assert compose["x-django"]["environment"]["RATELIMIT_IP_META_KEY"] == "${RATELIMIT_IP_META_KEY:-HTTP_X_REAL_IP}"


def test_web_and_proxy_are_healthy_when_ready(compose):
    services = compose["services"]
    for name in ("web", "proxy"):
        assert "/readyz/" in " ".join(services[name]["healthcheck"]["test"]), name
    for name in ("worker", "scheduler", "newsletter"):
        assert services[name]["depends_on"]["web"]["condition"] == "service_healthy"


def test_redis_is_a_bounded_cache(compose):
    command = compose["services"]["redis"]["command"]
    assert command[command.index("--maxmemory") + 1] == "256mb"
    assert command[command.index("--maxmemory-policy") + 1] == "allkeys-lru"


def test_jobs_get_time_to_finish_a_slow_mail_when_stopped(compose):
    email_timeout = int(compose["x-django"]["environment"]["EMAIL_TIMEOUT"].split(":-")[1].rstrip("}"))
    for name in ("worker", "scheduler", "newsletter"):
        grace = compose["services"][name]["stop_grace_period"]
        assert grace.endswith("s") and int(grace[:-1]) >= 2 * email_timeout, name


def test_scheduler_requeues_stranded_tasks(compose):
    scheduler = " ".join(compose["services"]["scheduler"]["command"])
    assert "python manage.py requeue_stranded_tasks" in scheduler
