"""The Facebook publisher's settings, read once per run."""

from dataclasses import dataclass

from django.conf import settings


class FacebookNotConfiguredError(Exception):
    pass


@dataclass(frozen=True)
class FacebookConfig:
    graphql_url: str
    graph_api_url: str
    page_id: str
    access_token: str
    timeout: float
    max_attempts: int
    retry_base: float
    retry_cap: float
    lease_seconds: int
    lookback_days: int
    reconcile_delay: float

    @classmethod
    def from_settings(cls) -> "FacebookConfig":
        return cls(
            graphql_url=settings.CMS_GRAPHQL_URL,
            graph_api_url=settings.FACEBOOK_GRAPH_API_URL,
            page_id=settings.FACEBOOK_PAGE_ID,
            access_token=settings.FACEBOOK_PAGE_ACCESS_TOKEN,
            timeout=settings.FACEBOOK_HTTP_TIMEOUT_SECONDS,
            max_attempts=max(1, settings.FACEBOOK_MAX_ATTEMPTS),
            retry_base=settings.FACEBOOK_RETRY_BASE_SECONDS,
            retry_cap=settings.FACEBOOK_RETRY_MAX_SECONDS,
            lease_seconds=settings.FACEBOOK_CLAIM_LEASE_SECONDS,
            lookback_days=settings.FACEBOOK_LOOKBACK_DAYS,
            # A post Facebook accepted may take a moment to show in the feed: after a lost
            # answer, the feed is read no sooner than this.
            reconcile_delay=settings.FACEBOOK_RECONCILE_DELAY_SECONDS,
        )

    @property
    def can_post(self) -> bool:
        return bool(self.page_id and self.access_token)
