"""What the Facebook publisher reads from the CMS: the `FacebookCandidates` operation over HTTP.

The job sees exactly what an anonymous API client sees (live, public pages only),
through the same endpoint and the same visibility rules, never the ORM.
"""

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from .facebook import backoff_delay

FACEBOOK_CANDIDATES = (Path(__file__).parent / "operations" / "facebook_candidates.graphql").read_text()
# The server's default `limit` of facebookCandidates, which the contract's operation does not set.
CANDIDATES_PAGE_SIZE = 50
READ_ATTEMPTS = 3


class CmsUnavailableError(Exception):
    """The CMS could not be read; the run stops before touching Facebook."""


@dataclass(frozen=True)
class Candidate:
    page_id: int
    revision_id: int | None
    title: str
    message: str
    link: str


def facebook_candidates_fetch(
    *, url: str, since: dt.datetime, timeout: float, retry_base: float, retry_cap: float
) -> list[Candidate]:
    """Pages to post, oldest first. A few retries: the CMS may be restarting when cron fires."""
    payload = {
        "query": FACEBOOK_CANDIDATES,
        "operationName": "FacebookCandidates",
        "variables": {"since": since.isoformat()},
    }
    last_error = ""
    for attempt in range(READ_ATTEMPTS):
        if attempt:
            time.sleep(backoff_delay(attempt=attempt, base=retry_base, cap=retry_cap))
        try:
            response = httpx.post(url, json=payload, timeout=timeout)
        except httpx.TransportError as error:
            last_error = f"{type(error).__name__}: {error}"
            continue
        if response.status_code >= 500:
            last_error = f"HTTP {response.status_code}"
            continue
        try:
            body = response.json()
        except ValueError:
            raise CmsUnavailableError(f"CMS'et svarede ikke med JSON (HTTP {response.status_code})") from None
        if body.get("errors") or not isinstance(body.get("data"), dict):
            messages = "; ".join(str(error.get("message")) for error in body.get("errors") or [])
            raise CmsUnavailableError(f"CMS'et afviste forespørgslen: {messages or response.status_code}")
        return [
            Candidate(
                page_id=int(row["pageId"]),
                revision_id=int(row["revisionId"]) if row.get("revisionId") else None,
                title=row["title"],
                message=row["message"],
                link=row["link"],
            )
            for row in body["data"]["facebookCandidates"]
        ]
    raise CmsUnavailableError(f"CMS'et svarede ikke på {url} ({last_error})")
