"""Every module of our apps imports on its own, whatever was imported before it.

An import cycle shows only when a module of the cycle is the first one imported: once
the app registry has loaded the models, the rest of the process would hide it. So a
fresh process runs django.setup() and then, for each module, forks a child that imports
just that one, starting from the state Django leaves after setup.
"""

import os
import pkgutil
import subprocess
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ["cms", "api", "newsletter", "publishing", "home", "pages", "organisations", "documents", "users", "worker"]
# Settings are loaded by Django itself, each for its own environment (production requires its secrets).
SKIPPED_PACKAGES = ("migrations", "tests", "settings")
# Modules for one database only, which the settings load only with it (cms/settings/base.py):
# the SQLite search backend builds on modelsearch's SQLite modules, which need SQLite's index model.
DATABASE_ONLY = {"pages.search_backend": "sqlite"}


def module_names() -> list[str]:
    names = []
    for app in APPS:
        names.append(app)
        package = __import__(app)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if any(part in SKIPPED_PACKAGES for part in info.name.split(".")[1:]):
                continue
            names.append(info.name)
    return sorted(names)


def import_alone(name: str) -> str | None:
    """The traceback of importing `name` first in a forked child, or None if it imported."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: import, report, and leave without running the parent's cleanup
        os.close(read_end)
        code = 0
        try:
            __import__(name)
        except BaseException:
            os.write(write_end, traceback.format_exc().encode())
            code = 1
        os.close(write_end)
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 0:
        return None
    return output or f"exit status {os.waitstatus_to_exitcode(status)}"


def main() -> int:
    import django

    django.setup()
    # Module walking imports packages; it runs in a child too, so the parent stays as setup left it.
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.write(write_end, "\n".join(module_names()).encode())
        os.close(write_end)
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        names = pipe.read().decode().split()
    os.waitpid(pid, 0)
    from django.db import connection

    names = [name for name in names if DATABASE_ONLY.get(name, connection.vendor) == connection.vendor]
    failures = 0
    for name in names:
        error = import_alone(name)
        if error is not None:
            failures += 1
            print(f"--- {name}\n{error}", file=sys.stderr)
    print(f"{len(names)} modules, {failures} failed to import on their own", file=sys.stderr)
    return 1 if failures else 0


def test_every_module_imports_on_its_own():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    result = subprocess.run([sys.executable, __file__], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-20000:]
    assert "0 failed" in result.stderr


if __name__ == "__main__":
    # Run as a script, Python puts tests/ first on the path, where tests/users/ etc. would shadow the apps.
    sys.path[0] = str(ROOT)
    sys.exit(main())
