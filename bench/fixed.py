"""E, the framework floor: a view returning fixed JSON (cms.settings.bench only).

Per operation it returns the operation's own answer as fixed bytes (written by
`bench.run` to bench/tmp/fixed/), so that D and E move the same bytes and D/E
measures what the cache costs, not the size of the answer.
"""

import json
from pathlib import Path

from django.http import HttpResponse

FIXED = json.dumps({"data": {"ok": True, "items": [{"title": f"Item {i}", "urlPath": f"/x/{i}/"} for i in range(3)]}})
FIXED_DIR = Path(__file__).resolve().parent / "tmp" / "fixed"
_fixed_bodies: dict[str, bytes] = {}


def fixed(request, name: str | None = None):
    """E: the framework floor; with a name, that operation's answer read once from bench/tmp/fixed/."""
    if name is None:
        return HttpResponse(FIXED, content_type="application/json")
    body = _fixed_bodies.get(name)
    if body is None:
        body = _fixed_bodies[name] = (FIXED_DIR / f"{name}.json").read_bytes()
    return HttpResponse(body, content_type="application/json")


def fixed_write(name: str, body: bytes) -> str:
    """Store an answer for E (bench.run, before the server starts); returns E's URL for it."""
    FIXED_DIR.mkdir(parents=True, exist_ok=True)
    (FIXED_DIR / f"{name}.json").write_bytes(body)
    _fixed_bodies.pop(name, None)
    return f"/bench/fixed/{name}/"
