"""A small client for the two Graph API calls the publisher makes: post to the page feed, read it.

The token travels in the `Authorization: Bearer` header, never in a URL (URLs end up in
access logs, proxies and httpx's own log lines); the token Facebook puts in a
`paging.next` URL is dropped before that URL is followed.

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

import datetime as dt
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

TRANSIENT_CODES = frozenset({1, 2})
THROTTLING_CODES = frozenset({4, 17, 32, 613})
TOKEN_INVALID_CODE = 190
FEED_FIELDS = "id,message,link,created_time"
# The Graph API's largest page of a feed; it may answer with fewer and a `paging.next`.
FEED_READ_LIMIT = 100
# Pages of the feed read while looking for one post, from `since` on: a bound, not a
# limit anyone should reach (the page posts a few items a day).
FEED_READ_MAX_PAGES = 10
# Query parameters that sharing tools add to a link and that do not change where it leads.
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid"})
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


def _feed_post(row: dict) -> FeedPost:
    return FeedPost(
        id=str(row.get("id", "")),
        message=str(row.get("message") or ""),
        link=str(row.get("link") or ""),
        created_time=str(row.get("created_time") or ""),
    )


def permalink(post_id: str) -> str:
    """Facebook redirects /{page id}_{post id} to the post."""
    return f"{FACEBOOK_WEB_URL}/{post_id}"


def normalise_link(link: str) -> str:
    """A link as Facebook may echo it back: any scheme, `www.` or not, trailing slash, tracking parameters."""
    parts = urlsplit(link.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith("utm_")
    ]
    return urlunsplit(("", host, parts.path.rstrip("/"), urlencode(sorted(query)), ""))


def _parse_created_time(value: str) -> dt.datetime | None:
    """Facebook's `2026-11-27T05:07:00+0000`."""
    try:
        return dt.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None


class FacebookClient:
    """The page feed of one Facebook page, through the Graph API."""

    def __init__(
        self, *, base_url: str, page_id: str, access_token: str, timeout: float, transport: httpx.BaseTransport | None
    ):
        self.page_id = page_id
        # In a header, never in a URL: URLs end up in access logs, proxies and error messages.
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + "/",
            timeout=timeout,
            transport=transport,
            headers={"Authorization": f"Bearer {access_token}"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "FacebookClient":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def publish(self, *, message: str, link: str) -> str:
        """Create a post on the page and return its id ("{page id}_{post id}")."""
        body = self._request("POST", f"{self.page_id}/feed", data={"message": message, "link": link})
        post_id = body.get("id") if isinstance(body, dict) else None
        if not post_id:
            # Accepted but unreadable: the post may exist, so treat it like a lost answer.
            raise TransientGraphError("Facebook svarede uden id på opslaget", may_have_posted=True)
        return str(post_id)

    def posts_since(self, *, since: dt.datetime) -> list[FeedPost]:
        """The page's posts created at `since` or later, newest first, following `paging.next` a bounded number of pages."""
        params: dict | None = {"fields": FEED_FIELDS, "limit": FEED_READ_LIMIT, "since": int(since.timestamp())}
        url = f"{self.page_id}/feed"
        posts: list[FeedPost] = []
        for _ in range(FEED_READ_MAX_PAGES):
            body = self._request("GET", url, params=params)
            rows = body.get("data") if isinstance(body, dict) else None
            posts.extend(_feed_post(row) for row in rows or [] if isinstance(row, dict))
            next_url = self._next_page(body)
            if not rows or not next_url:
                break
            url, params = next_url, None
        return posts

    def find_post(self, *, links: set[str], messages: set[str], since: dt.datetime) -> FeedPost | None:
        """Our post among the page's posts since `since`: same link (as Facebook may rewrite it), or same text."""
        wanted_links = {normalise_link(link) for link in links if link}
        for post in self.posts_since(since=since):
            if post.link and normalise_link(post.link) in wanted_links:
                return post
            created = _parse_created_time(post.created_time)
            if post.message and post.message in messages and (created is None or created >= since):
                return post
        return None

    def _next_page(self, body) -> str | None:
        """`paging.next` without the token Facebook puts in it, and only on the Graph API's own host."""
        paging = body.get("paging") if isinstance(body, dict) else None
        next_url = paging.get("next") if isinstance(paging, dict) else None
        if not isinstance(next_url, str) or not next_url:
            return None
        parts = urlsplit(next_url)
        if parts.netloc != self._http.base_url.netloc.decode():
            return None
        query = urlencode([(key, value) for key, value in parse_qsl(parts.query) if key != "access_token"])
        return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))

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
