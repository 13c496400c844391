"""No Python file over 400 lines and no function over 60 lines in the app packages (issue 15).

A long file or function is where the next change goes wrong: past these sizes, a
module is split by concern and a function into named steps. Migrations are
generated, test files count only for their length, and data files are lists of facts, not logic.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "cms",
    "api",
    "pages",
    "home",
    "documents",
    "organisations",
    "publishing",
    "newsletter",
    "users",
    "worker",
    "bench",
]
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60

# Data, not logic: one literal per fact, which would only get harder to check if split.
DATA_FILES = {
    "home/demo/facts.py",  # the demo's public facts, each with its source
    "home/demo/examples.py",  # the demo's marked example content
}


def _counted_files() -> list[str]:
    files = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if {"migrations", "tests", "tmp"} & set(relative.parts[:-1]):
                continue
            files.append(relative.as_posix())
    return [name for name in files if name not in DATA_FILES]


def _too_long(name: str) -> list[str]:
    """What in the file breaks a limit, as 'file: N lines' and 'file:line function: N lines'."""
    source = (ROOT / name).read_text(encoding="utf-8")
    problems = []
    lines = len(source.splitlines())
    if lines > MAX_FILE_LINES:
        problems.append(f"{name}: {lines} lines")
    for node in ast.walk(ast.parse(source, filename=name)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                problems.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    return problems


def test_the_walk_finds_the_app_packages():
    files = _counted_files()
    assert "home/demo/loader.py" in files and "bench/views.py" in files
    assert not [name for name in files if "/migrations/" in name]


def test_no_file_or_function_is_too_long():
    problems = [problem for name in _counted_files() for problem in _too_long(name)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(DATA_FILES))
def test_data_files_hold_no_functions(name):
    tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
    functions = [node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    assert not functions, f"{name} is exempt as data, so its logic belongs elsewhere: {functions}"


def test_no_test_file_is_too_long():
    """Tests count for files (issue 15: no file over 400 lines outside migrations and data), not for functions."""
    long_files = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_FILE_LINES:
            long_files.append(f"{path.relative_to(ROOT).as_posix()}: {lines} lines")
    assert not long_files, "\n".join(long_files)
