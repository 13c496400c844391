"""Runs that overlap, and editors who publish while a run is under way: every decision is taken on the row as it is now."""

import pytest
from django.db import connection

from publishing.models import SocialPost, SocialPostState
from publishing.report import Outcome
from publishing.services import facebook_publish_run

from .fake_graph import after_accept, slow
from .helpers import CLIENT_TIMEOUT, SLOWER_THAN_TIMEOUT, ledger, link_of, marked_news, run_job

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def line(outcome: Outcome, title: str) -> str:
    return f"{outcome:<14} {title}  -> "


def test_a_row_another_run_put_back_for_a_feed_check_is_checked_not_posted_again(facebook, tree, settings):
    first = marked_news("Først i køen")
    second = marked_news("Tabt svar i den anden kørsel")
    settings.FACEBOOK_HTTP_TIMEOUT_SECONDS = 5.0  # this run (B) waits out run A below

    def run_a():
        # Run B has listed its rows and is posting the first. Run A takes the second:
        # Facebook accepts it, the answer is lost, and A puts it back as "check the feed first".
        settings.FACEBOOK_HTTP_TIMEOUT_SECONDS = CLIENT_TIMEOUT
        settings.FACEBOOK_MAX_ATTEMPTS = 1
        facebook.script_posts(slow(SLOWER_THAN_TIMEOUT, accept=True))
        facebook_publish_run()
        connection.close()

    facebook.script_posts(after_accept(run_a))
    code, out, err = run_job()  # run B

    assert sorted(facebook.links()) == sorted([link_of(first), link_of(second)]), "posted twice"
    assert facebook.post_requests == 2
    assert line(Outcome.POSTED, "Tabt svar i den anden kørsel") in out and "fundet på Facebook-siden" in out
    row = ledger(second)
    assert row.state == SocialPostState.POSTED and row.external_id == facebook.posts[1]["id"]
    assert code == 0, out + err


def test_a_page_published_while_the_run_reads_the_cms_is_posted_not_skipped(facebook, tree, cms_proxy):
    earlier = marked_news("Allerede udgivet")
    published = {}

    def an_editor_publishes():
        # After the CMS answered the run, before the run lists its ledger rows: the new
        # page's row exists (written with the publish) but the answer does not have it.
        published["page"] = marked_news("Udgivet midt i kørslen")
        connection.close()

    cms_proxy.after_next_answer(an_editor_publishes)
    code, out, err = run_job()

    assert code == 0, out + err
    row = ledger(published["page"])
    assert row.state == SocialPostState.POSTED, (row.state, row.last_error)
    assert "Ikke opslået" not in out and "ikke længere offentlig" not in out
    assert sorted(facebook.links()) == sorted([link_of(earlier), link_of(published["page"])])


def test_a_run_that_lost_its_claim_does_not_post(facebook, tree, settings):
    news = marked_news("Overtaget undervejs")
    # An earlier run lost Facebook's answer: this run (A) reads the feed before it posts.
    SocialPost.objects.filter(page_id=news.pk).update(needs_reconciliation=True)

    def run_b_takes_over():
        # While A reads the feed, A's lease runs out and run B takes the row over, finds
        # nothing on the page and posts. A must not post as well.
        settings.FACEBOOK_CLAIM_LEASE_SECONDS = 0
        facebook_publish_run()
        connection.close()

    facebook.script_feed_reads(after_accept(run_b_takes_over))
    code, out, err = run_job()  # run A

    assert facebook.links() == [link_of(news)], "posted twice"
    assert line(Outcome.SKIPPED, "Overtaget undervejs") + "en anden kørsel overtog den" in out
    row = ledger(news)
    assert row.state == SocialPostState.POSTED and row.external_id == facebook.posts[0]["id"]
    assert code == 0, out + err
