"""GraphiQL for development, served from our own static files and preloaded with the docs' examples.

graphene-django's page loads React and GraphiQL from a CDN, so it is blank offline.
Ours loads the same versions, vendored under `api/static/api/graphiql/` (see its
README), and opens one tab per example of docs/api.md, so a newcomer can run them
as they read.
"""

import json
import re
from pathlib import Path

from django.conf import settings
from django.shortcuts import render

DOCS = Path(settings.BASE_DIR) / "docs" / "api.md"
EXAMPLE = re.compile(r"```graphql\n(.*?)```", re.DOTALL)
REQUIRED_VARIABLE = re.compile(r"\$(\w+)\s*:\s*[\w\[\]!]*!")
# Values that work on the demo content, for the examples' required variables.
SAMPLE_VALUES = {"slug": "helhedsplanen-2021-2025", "path": "/", "query": "boligområde"}
FALLBACK = [{"query": "query HousingAreas {\n  housingAreas { title slug urlPath }\n}\n"}]


def docs_examples(path: Path = DOCS) -> list[dict[str, str]]:
    """Each ```graphql block of the API guide as a GraphiQL tab, with sample values for its variables.

    The guide is not in the production image (GraphiQL is off there); without it the
    page opens with one small query.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return FALLBACK
    tabs = []
    for block in EXAMPLE.findall(text):
        tab = {"query": block.strip() + "\n"}
        variables = {name: SAMPLE_VALUES.get(name, "") for name in REQUIRED_VARIABLE.findall(block)}
        if variables:
            tab["variables"] = json.dumps(variables, indent=2, ensure_ascii=False)
        tabs.append(tab)
    return tabs or FALLBACK


def graphiql_page(request):
    return render(request, "api/graphiql.html", {"graphiql_tabs": docs_examples()})
