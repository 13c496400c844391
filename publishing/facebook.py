"""A small client for the two Graph API calls the publisher makes: post to the page feed, read it.

Every failure becomes one of four exceptions, because each calls for a different
reaction from the publisher:

- `TransientGraphError`: try again later (HTTP 5xx, error codes 1 and 2, throttling
  codes 4, 17, 32 and 613, and network failures). `may_have_posted` says whether the
  post could have been created anyway: after a timeout or a dropped connection, and
  after a 5xx or code 1/2 ("unknown error"), it may have been, so the publisher reads
  the feed before posting again. Throttling and refused connections never post.
- `TokenInvalidError`: code 190; no call can succeed until someone renews the token.
- `RefusedError`: any other error; this item will not be accepted as it is.
"""

import random
from dataclasses import dataclass

import httpx

TRANSIENT_CODES = frozenset({1, 2})
THROTTLING_CODES = frozenset({4, 17, 32, 613})
TOKEN_INVALID_CODE = 190
FEED_FIELDS = "id,message,link,created_time"
# Enough to find a post from a crashed run: the page posts a few items a day.
FEED_READ_LIMIT = 50
FACEBOOK_WEB_URL = "https://www.facebook.com"


class GraphApiError(Exception):
    def __init__(self, message: str, *, code: int | None = None, http_status: int | None = None, fbtrace_id: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code
        self.http_status = http_status
        self.fbtrace_id = fbtrace_id

    def describe(self) -> str:
        """The message for the ledger and the operator, with Facebook's code for support questions."""
        parts = [self.message]
        if self.code is not None:
            parts.append(f"(kode {self.code})")
        if self.http_status is not None:
            parts.append(f"(HTTP {self.http_status})")
        return " ".join(parts)


class TransientGraphError(GraphApiError):
    def __init__(self, message: str, *, may_have_posted: bool, **kwargs):
        super().__init__(message, **kwargs)
        self.may_have_posted = may_have_posted


class TokenInvalidError(GraphApiError):
    pass


class RefusedError(GraphApiError):
    pass


@dataclass(frozen=True)
class FeedPost:
    id: str
    message: str
    link: str
    created_time: str


def permalink(post_id: str) -> str:
    """Facebook redirects /{page id}_{post id} to the post."""
    return f"{FACEBOOK_WEB_URL}/{post_id}"


def backoff_delay(*, attempt: int, base: float, cap: float) -> float:
    """Capped exponential backoff with full jitter (AWS Builders' Library): spreads out retries of parallel runs."""
    return random.uniform(0, min(cap, base * 2**attempt))


def _same_link(a: str, b: str) -> bool:
    return bool(a) and bool(b) and a.rstrip("/") == b.rstrip("/")


class FacebookClient:
    """The page feed of one Facebook page, through the Graph API."""

    def __init__(
        self, *, base_url: str, page_id: str, access_token: str, timeout: float, transport: httpx.BaseTransport | None
    ):
        self.page_id = page_id
        self._access_token = access_token
        self._http = httpx.Client(base_url=base_url.rstrip("/") + "/", timeout=timeout, transport=transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "FacebookClient":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def publish(self, *, message: str, link: str) -> str:
        """Create a post on the page and return its id ("{page id}_{post id}")."""
        data = {"message": message, "link": link, "access_token": self._access_token}
        body = self._request("POST", f"{self.page_id}/feed", data=data)
        post_id = body.get("id") if isinstance(body, dict) else None
        if not post_id:
            # Accepted but unreadable: the post may exist, so treat it like a lost answer.
            raise TransientGraphError("Facebook svarede uden id på opslaget", may_have_posted=True)
        return str(post_id)

    def recent_posts(self) -> list[FeedPost]:
        params = {"fields": FEED_FIELDS, "limit": FEED_READ_LIMIT, "access_token": self._access_token}
        body = self._request("GET", f"{self.page_id}/feed", params=params)
        rows = body.get("data", []) if isinstance(body, dict) else []
        return [
            FeedPost(
                id=str(row.get("id", "")),
                message=row.get("message", "") or "",
                link=row.get("link", "") or "",
                created_time=row.get("created_time", "") or "",
            )
            for row in rows
        ]

    def find_post(self, *, links: set[str], messages: set[str]) -> FeedPost | None:
        """Our post among the page's recent posts: matched on its link, or on the text for a post without one."""
        for post in self.recent_posts():
            if any(_same_link(post.link, link) for link in links):
                return post
            if not post.link and post.message and post.message in messages:
                return post
        return None

    def _request(self, method: str, url: str, **kwargs) -> dict:
        try:
            response = self._http.request(method, url, **kwargs)
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
            # No connection was made, so nothing was sent.
            raise TransientGraphError(f"Ingen forbindelse til Facebook: {error}", may_have_posted=False) from error
        except httpx.TransportError as error:
            # Sent, but the answer was lost (timeout, dropped connection): it may have worked.
            raise TransientGraphError(
                f"Intet svar fra Facebook ({type(error).__name__})", may_have_posted=True
            ) from error
        if response.is_success:
            try:
                return response.json()
            except ValueError as error:
                raise TransientGraphError("Facebook svarede med ugyldig JSON", may_have_posted=True) from error
        raise _error_from_response(response)


def _error_from_response(response: httpx.Response) -> GraphApiError:
    """Parse the Graph API's `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`."""
    try:
        error = response.json().get("error") or {}
    except (ValueError, AttributeError):
        error = {}
    code = error.get("code")
    code = code if isinstance(code, int) else None
    message = str(error.get("message") or f"Facebook svarede {response.status_code}")
    kwargs = {"code": code, "http_status": response.status_code, "fbtrace_id": str(error.get("fbtrace_id") or "")}
    if code == TOKEN_INVALID_CODE:
        return TokenInvalidError(message, **kwargs)
    if code in THROTTLING_CODES:
        return TransientGraphError(message, may_have_posted=False, **kwargs)
    if code in TRANSIENT_CODES or response.status_code >= 500:
        return TransientGraphError(message, may_have_posted=True, **kwargs)
    return RefusedError(message, **kwargs)
