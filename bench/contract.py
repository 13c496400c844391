"""What the benchmark asks: the contract document, its operations with their variables, and their URLs."""

import hashlib
import json
import os
import urllib.parse
from pathlib import Path

from graphql import parse, print_ast, separate_operations

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
# The frontend operations as the benchmark measures them: a copy frozen at the contract of
# 2026-12 before issue 14 added the home page, images and period status, so results stay
# comparable across commits and the hand-written floor views (bench/views.py) match them.
# Re-freeze it (and extend bench/views.py) to measure the richer operations.
CONTRACT = (ROOT / "bench" / "contract_frontend.graphql").read_text() + (
    ROOT / "tests" / "api" / "contract_jobs.graphql"
).read_text()
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def _operations(data_info: dict) -> dict[str, dict]:
    """Operation -> variables, and the B/C URLs that serve the same data (None: cannot)."""
    news_path = data_info["news_path"]
    month = {"from": "2025-12-01T00:00:00+00:00", "to": "2026-01-01T00:00:00+00:00"}
    newsletter = {
        **month,
        "eventsFrom": "2026-01-01T00:00:00+00:00",
        "eventsTo": "2026-02-01T00:00:00+00:00",
    }
    qs = urllib.parse.urlencode
    return {
        "HomePage": {"variables": {}, "C": "/bench/c/home-page/", "B": None},
        "PlanArchive": {"variables": {}, "C": None, "B": None},
        "PlanPeriod": {
            "variables": {"slug": data_info["period_slug"]},
            "C": "/bench/c/plan-period/?" + qs({"slug": data_info["period_slug"]}),
            "B": None,
        },
        "HousingAreas": {
            "variables": {},
            "C": None,
            "B": "/bench/rest/pages/?type=pages.HousingAreaPage&fields=title,slug,local_status_label&limit=20",
        },
        "DocumentLibrary": {
            "variables": {"kind": None, "planPeriod": None, "page": 1},
            "C": "/bench/c/document-library/?page=1",
            "B": "/bench/rest/documents/?limit=20&order=-published_on&fields=title,kind,published_on,file_size",
        },
        "PageByPath": {
            "variables": {"path": news_path},
            "C": None,
            "B": "/bench/rest/pages/find/?" + qs({"html_path": news_path}),
        },
        "FacebookCandidates": {"variables": {"since": "2025-12-01T00:00:00+00:00"}, "C": None, "B": None},
        "NewsletterContent": {
            "variables": newsletter,
            "C": "/bench/c/newsletter-content/?" + qs(newsletter),
            "B": None,
        },
    }


# Each operation is sent as its own document: the operation and the fragments it uses, as
# graphql-codegen's and Apollo's generated clients send it (not the whole contract file).
DOCUMENTS = {name: print_ast(document) for name, document in separate_operations(parse(CONTRACT)).items()}


def graphql_url(operation: str, variables: dict) -> str:
    return "/graphql/?" + urllib.parse.urlencode(
        {"query": DOCUMENTS[operation], "operationName": operation, "variables": json.dumps(variables)}
    )


def persisted_url(operation: str, variables: dict, *, register: bool = False) -> str:
    """The short GET a CDN-fronted client sends (APQ); `register` adds the text, as the first request does."""
    digest = hashlib.sha256(DOCUMENTS[operation].encode()).hexdigest()
    persisted = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})
    params = {"operationName": operation, "variables": json.dumps(variables), "extensions": persisted}
    if register:
        params["query"] = DOCUMENTS[operation]
    return "/graphql/?" + urllib.parse.urlencode(params)
