"""`manage.py publish_to_facebook` when things go wrong: the CMS or the Graph API fails, times out, drops or refuses."""

import pytest

from publishing.backoff import backoff_delay
from publishing.models import SocialPostState
from publishing.queueing import social_post_retry
from publishing.report import Outcome

from .fake_graph import drop, error, slow
from .helpers import (
    SLOWER_THAN_TIMEOUT,
    ledger,
    line,
    link_of,
    marked_event,
    marked_news,
    run_job,
    summary,
)

# live_server needs committed data; serialized_rollback restores Wagtail's root page and
# collection (created by migrations) that the flush between tests removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_cms_unreachable_stops_before_posting(facebook, tree, settings):
    marked_news("Kan ikke læses")
    settings.CMS_GRAPHQL_URL = "http://127.0.0.1:9/graphql/"
    code, _, err = run_job()
    assert code == 1 and "CMS'et svarede ikke" in err
    assert facebook.post_requests == 0


# --- errors -----------------------------------------------------------------


def test_a_500_is_retried_after_checking_the_feed(facebook, tree):
    news = marked_news("Fejl hos Facebook")
    facebook.script_posts(error(500, 1, "An unknown error occurred"), error(503, 2, "Service temporarily unavailable"))
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (1, 0, 0)
    assert facebook.links() == [link_of(news)]
    assert facebook.post_requests == 3
    assert facebook.feed_requests == 2  # a 5xx may have posted: the feed is read before each retry
    assert ledger(news).attempts == 3


def test_throttling_is_retried_without_reading_the_feed(facebook, tree, settings):
    settings.FACEBOOK_MAX_ATTEMPTS = 5
    news = marked_news("For mange kald")
    facebook.script_posts(
        error(400, 4, "(#4) Application request limit reached"),
        error(400, 17, "(#17) User request limit reached"),
        error(400, 32, "(#32) Page request limit reached"),
        error(400, 613, "(#613) Calls to this api have exceeded the rate limit."),
    )
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (1, 0, 0)
    assert facebook.links() == [link_of(news)]
    assert facebook.feed_requests == 0  # a throttled call was refused, so it cannot have posted


def test_retries_are_bounded_and_the_item_waits_for_the_next_run(facebook, tree, settings):
    settings.FACEBOOK_MAX_ATTEMPTS = 3
    news = marked_news("Facebook er nede")
    facebook.script_posts(*[error(500, None, "Internal Server Error")] * 3)
    code, out, _ = run_job()
    assert code == 1 and summary(out) == (0, 0, 1)
    assert facebook.post_requests == 3
    row = ledger(news)
    assert row.state == SocialPostState.WAITING and row.needs_reconciliation
    assert "Facebook svarede ikke efter 3 forsøg" in row.last_error and "Internal Server Error" in row.last_error

    code, out, _ = run_job()
    assert code == 0 and summary(out) == (1, 0, 0)
    assert facebook.links() == [link_of(news)]


def test_backoff_is_exponential_capped_and_jittered():
    for attempt in range(1, 12):
        delays = {backoff_delay(attempt=attempt, base=1.0, cap=30.0) for _ in range(50)}
        assert all(0 <= delay <= min(30.0, 2**attempt) for delay in delays)
        assert len(delays) > 1  # jitter: parallel runs do not retry in step


def test_timeout_after_facebook_accepted_is_found_in_the_feed_not_posted_again(facebook, tree):
    news = marked_news("Langsomt svar")
    facebook.script_posts(slow(SLOWER_THAN_TIMEOUT, accept=True))
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (1, 0, 0)
    assert "fundet på Facebook-siden" in out
    assert facebook.links() == [link_of(news)]
    assert facebook.post_requests == 1 and facebook.feed_requests == 1
    assert ledger(news).external_id == facebook.posts[0]["id"]


def test_timeout_before_facebook_accepted_is_posted_once(facebook, tree):
    news = marked_news("Tabt forespørgsel")
    facebook.script_posts(slow(SLOWER_THAN_TIMEOUT, accept=False))
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (1, 0, 0)
    assert facebook.links() == [link_of(news)]
    assert facebook.post_requests == 2


def test_connection_dropped_after_facebook_accepted_is_not_posted_again(facebook, tree):
    news = marked_news("Afbrudt forbindelse")
    other = marked_news("Næste i køen")
    facebook.script_posts(drop(accept=True))
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (2, 0, 0)
    assert sorted(facebook.links()) == sorted([link_of(news), link_of(other)])
    assert facebook.post_requests == 2


def test_connection_dropped_before_facebook_accepted_is_posted_once(facebook, tree):
    news = marked_news("Afbrudt før modtagelse")
    facebook.script_posts(drop(accept=False))
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (1, 0, 0)
    assert facebook.links() == [link_of(news)]


def test_an_expired_token_stops_the_run_and_leaves_everything_waiting(facebook, tree):
    pages = [marked_news("Første"), marked_event("Andet"), marked_news("Tredje")]
    facebook.access_token = "a-renewed-token"  # the job still sends the old one: code 190
    code, out, err = run_job()
    assert code == 1
    assert "Facebook afviste adgangsnøglen: Error validating access token: Session has expired. (kode 190)" in err
    assert "Forny FACEBOOK_PAGE_ACCESS_TOKEN" in err
    assert facebook.post_requests == 1  # stopped at the first refusal, no retry storm
    assert {ledger(page).state for page in pages} == {SocialPostState.WAITING}

    facebook.access_token = "fake-page-token"
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (3, 0, 0)
    assert sorted(facebook.links()) == sorted(link_of(page) for page in pages)


def test_an_expired_token_after_a_lost_answer_checks_the_feed_next_time(facebook, tree):
    news = marked_news("Tabt svar, så udløbet nøgle")
    facebook.script_posts(drop(accept=True))
    facebook.script_feed_reads(error(400, 190, "Error validating access token: Session has expired."))
    code, _, _ = run_job()
    assert code == 1
    row = ledger(news)
    assert row.state == SocialPostState.WAITING and row.needs_reconciliation

    code, out, _ = run_job()
    assert code == 0 and "fundet på Facebook-siden" in out
    assert facebook.links() == [link_of(news)]


def test_a_refused_item_fails_with_facebooks_message_and_the_rest_go_on(facebook, tree):
    refused = marked_news("Afvist")
    other = marked_news("Godkendt")
    facebook.script_posts(error(400, 100, "(#100) Invalid parameter"))
    code, out, _ = run_job()
    assert code == 1 and summary(out) == (1, 0, 1)
    assert line(Outcome.FAILED, "Afvist") + "Facebook afviste opslaget: (#100) Invalid parameter (kode 100)" in out
    row = ledger(refused)
    assert row.state == SocialPostState.FAILED
    assert row.last_error == "Facebook afviste opslaget: (#100) Invalid parameter (kode 100) (HTTP 400)"
    assert facebook.links() == [link_of(other)]

    # A failed item stays failed until someone chooses "Prøv igen".
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (0, 0, 0)
    assert social_post_retry(post=row)
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (1, 0, 0)
    assert sorted(facebook.links()) == sorted([link_of(refused), link_of(other)])


def test_throttling_that_outlasts_the_retries_stops_the_run_and_leaves_the_rest_waiting(facebook, tree, settings):
    settings.FACEBOOK_MAX_ATTEMPTS = 2
    pages = [marked_news(f"Nyhed {n}") for n in range(3)]
    facebook.script_posts(*[error(400, 613, "(#613) Calls to this api have exceeded the rate limit.")] * 2)

    code, out, err = run_job()

    assert code == 1
    assert summary(out) == (0, 0, 1)
    assert "Facebook begrænser antallet af kald" in err and "(kode 613)" in err
    assert facebook.post_requests == 2  # no further item tried, each with its own backoff
    assert {ledger(page).state for page in pages} == {SocialPostState.WAITING}
