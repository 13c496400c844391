"""The jobs' way to read the CMS: one GraphQL operation over HTTP, as any API client sends it.

Both jobs (the Facebook publisher and the newsletter build) read through the public
endpoint rather than the ORM, so they see exactly what an anonymous client sees.
What can go wrong is told apart by type, because the jobs react differently: a CMS
that is restarting (no answer, 5xx) is worth a few retries; a CMS that refuses the
operation or answers something that is not GraphQL is not.
"""

import logging
import time
from dataclasses import dataclass

import httpx

from .backoff import backoff_delay

logger = logging.getLogger(__name__)


class CmsError(Exception):
    """The CMS could not be read. The message is Danish: the jobs print it to the operator."""


class CmsUnavailableError(CmsError):
    """No answer, or only 5xx answers, after every attempt."""


class CmsRefusedError(CmsError):
    """The CMS answered and refused the operation (GraphQL errors, or a 4xx)."""


class CmsAnswerError(CmsError):
    """The CMS answered something that is not a GraphQL answer."""


@dataclass(frozen=True)
class GraphQLClient:
    url: str
    timeout: float
    attempts: int = 3
    retry_base: float = 1.0
    retry_cap: float = 30.0
    transport: httpx.BaseTransport | None = None

    def execute(self, *, query: str, operation_name: str, variables: dict) -> dict:
        """POST one operation and return its `data`; transport errors and 5xx are retried with backoff."""
        payload = {"query": query, "operationName": operation_name, "variables": variables}
        with httpx.Client(timeout=self.timeout, transport=self.transport) as client:
            response = self._post(client, payload)
        try:
            body = response.json()
        except ValueError:
            raise CmsAnswerError(f"CMS'et svarede ikke med JSON (HTTP {response.status_code})") from None
        if not isinstance(body, dict):
            raise CmsAnswerError(f"CMS'et svarede med uventet JSON (HTTP {response.status_code})")
        errors = body.get("errors")
        if errors or not isinstance(body.get("data"), dict):
            messages = "; ".join(
                str(error.get("message") if isinstance(error, dict) else error)
                for error in (errors if isinstance(errors, list) else [])
            )
            raise CmsRefusedError(f"CMS'et afviste forespørgslen: {messages or f'HTTP {response.status_code}'}")
        if response.status_code != 200:
            raise CmsRefusedError(f"CMS'et afviste forespørgslen (HTTP {response.status_code})")
        return body["data"]

    def _post(self, client: httpx.Client, payload: dict) -> httpx.Response:
        error = ""
        for attempt in range(1, self.attempts + 1):
            if attempt > 1:
                logger.warning(
                    "CMS read failed (%s), attempt %s of %s: %s",
                    error,
                    attempt,
                    self.attempts,
                    payload["operationName"],
                )
                time.sleep(backoff_delay(attempt=attempt - 1, base=self.retry_base, cap=self.retry_cap))
            try:
                response = client.post(self.url, json=payload)
            except httpx.TransportError as exc:
                error = f"{type(exc).__name__}: {exc}"
                continue
            if response.status_code < 500:
                return response
            error = f"HTTP {response.status_code}"
        raise CmsUnavailableError(f"CMS'et svarede ikke på {self.url} ({error})")
