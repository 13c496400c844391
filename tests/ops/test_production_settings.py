"""Production settings fail closed: no key or no hosts, no process."""

import json

import pytest

from tests.ops.conftest import BASE_DIR, DUMMY_SECRET_KEY, PYTHON, process_env, run

SETUP = "import django; django.setup()"


def production(tmp_path, **variables):
    return process_env(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **variables,
    )


def local_env_defines(name):
    env_file = BASE_DIR / ".env"
    return env_file.exists() and any(line.startswith(f"{name}=") for line in env_file.read_text().splitlines())


@pytest.mark.parametrize("secret_key", [None, ""], ids=["unset", "empty"])
def test_production_refuses_to_start_without_secret_key(tmp_path, secret_key):
    if secret_key is None and local_env_defines("SECRET_KEY"):
        pytest.skip("the local .env sets SECRET_KEY")
    variables = {"ALLOWED_HOSTS": "cms.example.org"}
    if secret_key is not None:
        variables["SECRET_KEY"] = secret_key
    result = run([PYTHON, "-c", SETUP], production(tmp_path, **variables))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("allowed_hosts", [None, ""], ids=["unset", "empty"])
def test_production_refuses_to_start_without_allowed_hosts(tmp_path, allowed_hosts):
    if allowed_hosts is None and local_env_defines("ALLOWED_HOSTS"):
        pytest.skip("the local .env sets ALLOWED_HOSTS")
    variables = {"SECRET_KEY": DUMMY_SECRET_KEY}
    if allowed_hosts is not None:
        variables["ALLOWED_HOSTS"] = allowed_hosts
    result = run([PYTHON, "-c", SETUP], production(tmp_path, **variables))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_production_is_secure_even_when_debug_is_asked_for(tmp_path):
    script = (
        f"{SETUP}; import json; from django.conf import settings as s; "
        "print(json.dumps({name: getattr(s, name) for name in ["
        "'DEBUG', 'ALLOWED_HOSTS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', 'GRAPHIQL_ENABLED']}))"
    )
    env = production(tmp_path, SECRET_KEY=DUMMY_SECRET_KEY, ALLOWED_HOSTS="cms.example.org", DEBUG="true")
    result = run([PYTHON, "-c", script], env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["GRAPHIQL_ENABLED"] is False
    assert values["ALLOWED_HOSTS"] == ["cms.example.org"]
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] > 0
    assert values["SECURE_SSL_REDIRECT"] is True


def test_the_wsgi_module_loads_the_schema_and_freezes_the_startup_heap(tmp_path):
    """gunicorn and runserver import cms.wsgi: the URLconf (with the schema) is loaded, then frozen for the collector."""
    script = (
        "import gc, sys; before = gc.get_freeze_count(); import cms.wsgi; "
        "print(before, gc.get_freeze_count(), 'api.views' in sys.modules, gc.get_threshold()[0])"
    )
    env = production(tmp_path, SECRET_KEY=DUMMY_SECRET_KEY, ALLOWED_HOSTS="cms.example.org")
    result = run([PYTHON, "-c", script], env)
    assert result.returncode == 0, result.stderr
    before, frozen, schema_loaded, threshold = result.stdout.split()
    assert int(before) == 0 and int(frozen) > 50_000 and schema_loaded == "True" and int(threshold) == 20_000
