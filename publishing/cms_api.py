"""What the Facebook publisher reads from the CMS: the `FacebookCandidates` operation over HTTP.

The job sees exactly what an anonymous API client sees (live, public pages only),
through the same endpoint and the same visibility rules, never the ORM.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

# CmsError is what callers catch: the run stops before touching Facebook.
from .graphql_client import CmsAnswerError, GraphQLClient

FACEBOOK_CANDIDATES = (Path(__file__).parent / "operations" / "facebook_candidates.graphql").read_text()
# The server's default `limit` of facebookCandidates, which the contract's operation does not set.
CANDIDATES_PAGE_SIZE = 50
READ_ATTEMPTS = 3


@dataclass(frozen=True)
class Candidate:
    page_id: int
    revision_id: int | None
    title: str
    message: str
    link: str
    first_published_at: dt.datetime


@dataclass(frozen=True)
class CandidateList:
    """Every candidate since the given time, oldest first; `complete` False when paging could not go on."""

    items: list[Candidate]
    complete: bool = True
    problem: str = ""


def facebook_candidates_fetch(
    *, url: str, since: dt.datetime, timeout: float, retry_base: float, retry_cap: float
) -> CandidateList:
    """Pages to post, oldest first, all of them.

    The contract's operation sets no `limit`, so the server answers with at most
    CANDIDATES_PAGE_SIZE. A full answer is followed by another from the last
    `firstPublishedAt` on (the filter is inclusive, so pages repeat and are
    de-duplicated) until a short answer. If a whole answer shares one timestamp,
    moving `since` cannot get past it: the list is marked incomplete.
    """
    items: dict[int, Candidate] = {}
    while True:
        page = _fetch_once(url=url, since=since, timeout=timeout, retry_base=retry_base, retry_cap=retry_cap)
        for candidate in page:
            items.setdefault(candidate.page_id, candidate)
        if len(page) < CANDIDATES_PAGE_SIZE:
            return CandidateList(items=list(items.values()))
        last = page[-1].first_published_at
        if last <= since or page[0].first_published_at == last:
            return CandidateList(
                items=list(items.values()),
                complete=False,
                problem=(
                    f"Flere end {CANDIDATES_PAGE_SIZE} sider har samme første udgivelsestidspunkt ({last.isoformat()}); "
                    "jobbet kan ikke bladre forbi dem, så nyere sider er ikke med i denne kørsel."
                ),
            )
        since = last


def _fetch_once(
    *, url: str, since: dt.datetime, timeout: float, retry_base: float, retry_cap: float
) -> list[Candidate]:
    """One answer of the `FacebookCandidates` operation. A few retries: the CMS may be restarting when cron fires."""
    client = GraphQLClient(url=url, timeout=timeout, attempts=READ_ATTEMPTS, retry_base=retry_base, retry_cap=retry_cap)
    data = client.execute(
        query=FACEBOOK_CANDIDATES, operation_name="FacebookCandidates", variables={"since": since.isoformat()}
    )
    try:
        return [_candidate(row) for row in data["facebookCandidates"]]
    except (KeyError, TypeError, ValueError) as error:
        raise CmsAnswerError(f"CMS'et svarede med kandidater i et uventet format ({error!r})") from None


def _candidate(row: dict) -> Candidate:
    return Candidate(
        page_id=int(row["pageId"]),
        revision_id=int(row["revisionId"]) if row.get("revisionId") else None,
        title=row["title"],
        message=row["message"],
        link=row["link"],
        first_published_at=dt.datetime.fromisoformat(row["firstPublishedAt"]),
    )
