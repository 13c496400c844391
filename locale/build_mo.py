"""Compile the .po catalogues under locale/ into the .mo files Django reads.

    .venv/bin/python locale/build_mo.py

polib does what GNU gettext's msgfmt would do, so no system package is needed.
The .mo files are committed (the Docker image and a fresh clone work without this
step); tests/test_locale_catalogues.py fails when one is older than its .po.
"""

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent


def compile_catalogues(*, locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write a .mo beside every .po and return the .mo paths."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_catalogues():
        print(path.relative_to(LOCALE_DIR.parent))
