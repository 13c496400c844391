"""After a lost answer, the run looks for its post on the Facebook page before posting again; it must find it."""

import datetime as dt
from urllib.parse import quote

import pytest

from publishing.models import SocialPostState

from .fake_graph import drop, slow
from .helpers import SLOWER_THAN_TIMEOUT, ledger, link_of, marked_news, run_job

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_feed_is_read_from_the_claim_on_and_across_pages(facebook, tree):
    news = marked_news("Langt nede i feedet")
    now = dt.datetime.now(dt.UTC)
    for n in range(30):  # the page's other posts, newer than ours: ours is on the feed's second page
        facebook.create_post(
            message=f"Andet opslag {n}", link=f"https://example.org/{n}", created=now + dt.timedelta(minutes=1 + n)
        )
    facebook.script_posts(slow(SLOWER_THAN_TIMEOUT, accept=True))

    code, out, err = run_job()

    assert facebook.post_requests == 1, "posted twice"
    assert "fundet på Facebook-siden" in out
    assert ledger(news).external_id == next(p["id"] for p in facebook.posts if p["link"] == link_of(news))
    first, *more = facebook.feed_queries
    # From the claim (less a margin for clocks), not the page's whole history; then page by page.
    assert now.timestamp() - 3600 < int(first["since"]) <= now.timestamp()
    assert [query.get("after") for query in more] == ["25"]
    assert code == 0, out + err


@pytest.mark.parametrize(
    "shown",
    [
        pytest.param(lambda link: link.replace("https://", "http://"), id="other-scheme"),
        pytest.param(lambda link: link.rstrip("/") + "?utm_source=facebook&fbclid=IwAR0abc", id="tracking-params"),
        pytest.param(lambda link: f"https://l.facebook.com/l.php?u={quote(link, safe='')}", id="redirector"),
    ],
)
def test_the_post_is_found_however_facebook_shows_its_link(facebook, tree, shown):
    news = marked_news("Link vist anderledes", facebook_text="Loppemarked i gården lørdag kl. 10")
    facebook.link_as_shown = shown
    facebook.script_posts(drop(accept=True))

    code, out, err = run_job()

    assert facebook.links() == [link_of(news)], "posted twice"
    assert "fundet på Facebook-siden" in out
    assert ledger(news).state == SocialPostState.POSTED
    assert code == 0, out + err


def test_an_older_post_with_the_same_text_is_not_taken_for_ours(facebook, tree):
    news = marked_news("Samme tekst som sidste år", facebook_text="Sommerfest i gården")
    facebook.create_post(
        message="Sommerfest i gården",
        link="https://frontend.test/nyheder/sommerfest-sidste-ar/",
        created=dt.datetime.now(dt.UTC) - dt.timedelta(days=300),
    )
    facebook.script_posts(drop(accept=False))

    code, out, err = run_job()

    assert code == 0, out + err
    assert "fundet på Facebook-siden" not in out
    assert link_of(news) in facebook.links()


def test_after_a_lost_answer_the_feed_is_read_once_facebook_had_time_to_show_the_post(facebook, tree, settings):
    settings.FACEBOOK_RECONCILE_DELAY_SECONDS = 1.0
    facebook.feed_lag = 0.6  # a new post shows in the feed a moment after Facebook accepted it
    news = marked_news("Vises lidt senere")
    facebook.script_posts(drop(accept=True))

    code, out, err = run_job()

    assert facebook.links() == [link_of(news)], "posted twice"
    assert "fundet på Facebook-siden" in out
    assert code == 0, out + err
