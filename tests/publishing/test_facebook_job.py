"""`manage.py publish_to_facebook`: content read over HTTP from `live_server`, posts to a fake Graph API."""

import contextlib
import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone
from graphql import parse, print_ast

from pages.models import NewsPage
from publishing.cms_api import CANDIDATES_PAGE_SIZE, FACEBOOK_CANDIDATES
from publishing.models import SocialPost, SocialPostState
from publishing.report import Outcome
from tests.api.conftest import contract_source
from tests.factories import NewsPageFactory

from .fake_graph import after_accept, error, slow
from .helpers import (
    SLOWER_THAN_TIMEOUT,
    captured_logs,
    ledger,
    line,
    link_of,
    make_private,
    marked_event,
    marked_news,
    publish,
    run_job,
    summary,
)

# live_server needs committed data; serialized_rollback restores Wagtail's root page and
# collection (created by migrations) that the flush between tests removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_job_sends_exactly_the_contract_operation():
    def operation(source: str):
        document = parse(source)
        return next(d for d in document.definitions if d.name and d.name.value == "FacebookCandidates")

    assert print_ast(operation(FACEBOOK_CANDIDATES)) == print_ast(operation(contract_source()))


def test_marked_items_are_posted_once_over_repeated_runs(facebook, tree):
    news = marked_news("Ny legeplads i Vorup", facebook_text="Kom og se den nye legeplads!")
    event = marked_event("Fællesspisning")
    unmarked = publish(NewsPageFactory(title="Ikke til Facebook", live=False))
    draft = NewsPageFactory(title="Kladde", live=False, share_on_facebook=True)  # never published
    private = marked_news("Kun for beboere")
    make_private(private)
    unpublished = marked_news("Trukket tilbage")
    unpublished.unpublish()

    code, out, err = run_job()

    assert code == 0, out + err
    assert sorted(facebook.links()) == sorted([link_of(news), link_of(event)])
    assert summary(out) == (2, 2, 0)  # the private and the unpublished page were due from their publish: skipped
    assert line(Outcome.POSTED, "Ny legeplads i Vorup") + "1234567890_" in out
    posted = ledger(news)
    assert posted.state == SocialPostState.POSTED
    assert posted.external_id == next(p["id"] for p in facebook.posts if p["link"] == link_of(news))
    assert posted.permalink == f"https://www.facebook.com/{posted.external_id}"
    assert posted.message == "Kom og se den nye legeplads!" and posted.posted_at is not None
    assert ledger(private).state == ledger(unpublished).state == SocialPostState.SKIPPED
    assert "siden er ikke udgivet" in ledger(unpublished).last_error  # the real reason, page by page
    assert "siden er ikke offentlig" in ledger(private).last_error
    assert not SocialPost.objects.filter(page_id__in=[unmarked.pk, draft.pk]).exists()

    for _ in range(2):
        code, out, _ = run_job()
        assert code == 0 and summary(out) == (0, 0, 0)
    assert facebook.post_requests == 2

    # Edited and republished: the row is already posted, so nothing goes out again.
    news.title = "Ny legeplads i Vorup (opdateret)"
    publish(news)
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (0, 0, 0)
    assert facebook.post_requests == 2


def test_a_page_made_public_again_is_posted_after_all(facebook, tree):
    news = marked_news("Trukket tilbage og udgivet igen")
    news.unpublish()
    run_job()
    assert ledger(news).state == SocialPostState.SKIPPED
    publish(news)
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (1, 0, 0)
    assert facebook.links() == [link_of(news)]


def test_history_before_the_lookback_window_is_not_posted(facebook, tree, settings):
    old = marked_news("Gammel nyhed")
    type(old).objects.filter(pk=old.pk).update(first_published_at=timezone.now() - dt.timedelta(days=30))
    settings.FACEBOOK_LOOKBACK_DAYS = 14
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (0, 1, 0)
    assert facebook.post_requests == 0
    assert ledger(old).state == SocialPostState.SKIPPED


def test_limit_posts_at_most_n_per_run(facebook, tree):
    pages = [marked_news(f"Nyhed {n}") for n in range(3)]
    code, out, _ = run_job("--limit", "2")
    assert code == 0 and summary(out) == (2, 0, 0)
    code, out, _ = run_job("--limit", "2")
    assert code == 0 and summary(out) == (1, 0, 0)
    assert sorted(facebook.links()) == sorted(link_of(page) for page in pages)


def test_dry_run_prints_what_would_be_posted_and_changes_nothing(facebook, tree):
    news = marked_news("Sommerfest", facebook_text="Sommerfest på lørdag")
    before = list(SocialPost.objects.values())
    code, out, _ = run_job("--dry-run")
    assert code == 0
    assert line(Outcome.WOULD_POST, "Sommerfest") + link_of(news) in out
    assert "'Sommerfest på lørdag'" in out
    assert "Prøvekørsel, intet er ændret. Ville opslå: 1." in out
    assert facebook.post_requests == facebook.feed_requests == 0
    assert list(SocialPost.objects.values()) == before


def test_without_page_id_or_token_the_job_stops_with_a_clear_message(facebook, tree, settings):
    marked_news("Venter på opsætning")
    settings.FACEBOOK_PAGE_ACCESS_TOKEN = ""
    code, _, err = run_job()
    assert code == 1
    assert "FACEBOOK_PAGE_ID og FACEBOOK_PAGE_ACCESS_TOKEN skal være sat" in err
    assert facebook.post_requests == 0


def test_page_unpublished_while_the_run_is_posting_others_is_not_posted(facebook, tree):
    first = marked_news("Først i køen")
    second = marked_news("Afpubliceres undervejs")

    def unpublish_second():
        # In the fake's thread, while the run waits for Facebook's answer on the first page:
        # after the run read its candidates, before it reaches the second.
        type(second).objects.get(pk=second.pk).unpublish()
        connection.close()

    facebook.script_posts(after_accept(unpublish_second))
    code, out, _ = run_job()
    assert code == 0 and summary(out) == (1, 1, 0)
    assert facebook.links() == [link_of(first)]
    assert ledger(second).state == SocialPostState.SKIPPED
    code, out, _ = run_job()
    assert facebook.links() == [link_of(first)]


def test_publishing_a_marked_page_triggers_a_run_in_the_background(facebook, tree, settings):
    settings.FACEBOOK_PUBLISH_ON_PAGE_PUBLISH = True
    news = marked_news("Udgivet og delt med det samme")  # the task runs inline (ImmediateBackend)
    assert facebook.links() == [link_of(news)]
    assert ledger(news).state == SocialPostState.POSTED


# --- long answers, odd pages, dry run, errors, the token ---------------------


def test_new_items_are_posted_past_a_full_answer_and_a_stuck_one_is_reported(facebook, tree):
    earlier = [marked_news(f"Tidligere nyhed {n}") for n in range(CANDIDATES_PAGE_SIZE)]
    SocialPost.objects.filter(page_id__in=[page.pk for page in earlier]).update(
        state=SocialPostState.POSTED, posted_at=timezone.now()
    )
    new = marked_news("Ny nyhed efter 50 andre")

    code, out, err = run_job()  # the first answer holds the 50 oldest; the job reads on from the last of them

    assert code == 0, out + err
    assert facebook.links() == [link_of(new)]
    assert ledger(new).state == SocialPostState.POSTED

    # More than a full answer first published at the very same time: paging by time cannot get
    # past them, so the run says so (and skips nothing) instead of passing newer pages over.
    NewsPage.objects.filter(pk__in=[page.pk for page in [*earlier, new]]).update(
        first_published_at=timezone.now() - dt.timedelta(hours=1)
    )
    newest = marked_news("Endnu nyere nyhed")
    code, out, err = run_job()
    assert code == 1
    assert f"Flere end {CANDIDATES_PAGE_SIZE} sider har samme første udgivelsestidspunkt" in err
    assert ledger(newest).state == SocialPostState.WAITING
    assert facebook.links() == [link_of(new)]


def test_a_live_page_without_a_live_revision_does_not_stop_posting(facebook, tree):
    good = marked_news("God nyhed")
    imported = NewsPageFactory(
        title="Importeret nyhed",
        live=True,
        share_on_facebook=True,
        parent=tree["news"],
        first_published_at=timezone.now(),
    )
    assert NewsPage.objects.get(pk=imported.pk).live_revision_id is None

    code, out, err = run_job()

    assert code == 0, out + err
    assert sorted(facebook.links()) == sorted([link_of(good), link_of(imported)])
    assert ledger(imported).revision_id is None
    assert ledger(good).revision_id == good.live_revision_id


def test_dry_run_keeps_to_the_limit_and_lists_what_it_would_check_and_skip(facebook, tree):
    uncertain = marked_news("Tabt svar sidst")
    SocialPost.objects.filter(page_id=uncertain.pk).update(needs_reconciliation=True)
    pages = [marked_news(f"Nyhed {n}") for n in range(3)]
    gone = marked_news("Afpubliceret siden")
    gone.unpublish()
    before = list(SocialPost.objects.values())

    code, out, err = run_job("--dry-run", "--limit", "2")

    assert code == 0, out + err
    assert line(Outcome.WOULD_SKIP, "Afpubliceret siden") in out
    assert line(Outcome.WOULD_RECONCILE, "Tabt svar sidst") in out
    assert line(Outcome.WOULD_POST, "Nyhed 0") + link_of(pages[0]) in out
    assert "Nyhed 1" not in out and "Nyhed 2" not in out  # past the limit of two
    assert "Ville opslå: 1. Ville tjekke Facebook-siden først: 1. Ville springe over: 1." in out
    assert facebook.post_requests == facebook.feed_requests == 0
    assert list(SocialPost.objects.values()) == before


@contextlib.contextmanager
def database_refuses_posted(*, title: str):
    """A trigger that fails the write of "posted" for one page, as a full disk or a lost connection would."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER fb_test_refuse BEFORE UPDATE ON publishing_socialpost FOR EACH ROW "
                f"WHEN NEW.state = 'posted' AND NEW.page_title = '{title}' "
                "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION fb_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"IF NEW.state = 'posted' AND NEW.page_title = '{title}' THEN "
                "RAISE EXCEPTION 'could not extend file: No space left on device'; END IF; RETURN NEW; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER fb_test_refuse BEFORE UPDATE ON publishing_socialpost "
                "FOR EACH ROW EXECUTE FUNCTION fb_test_refuse()"
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("DROP TRIGGER fb_test_refuse")
            else:
                cursor.execute("DROP TRIGGER fb_test_refuse ON publishing_socialpost")
                cursor.execute("DROP FUNCTION fb_test_refuse()")


def test_a_database_error_on_one_item_fails_it_and_the_run_goes_on_to_a_summary(facebook, tree):
    broken = marked_news("Kan ikke gemmes")
    other = marked_news("Gemmes fint")

    with database_refuses_posted(title="Kan ikke gemmes"), captured_logs() as logs:
        code, out, err = run_job()

    assert code == 1
    assert summary(out) == (1, 0, 1)
    assert line(Outcome.FAILED, "Kan ikke gemmes") + "Uventet fejl" in out
    assert any("Traceback" in entry for entry in logs)  # the details are in the log, for the operator
    row = ledger(broken)
    # Facebook accepted it before the write failed: back in line, to be looked for first.
    assert row.state == SocialPostState.WAITING and row.needs_reconciliation
    assert "Der prøves igen ved næste kørsel" in row.last_error

    code, out, err = run_job()
    assert code == 0, out + err
    assert "fundet på Facebook-siden" in out
    assert sorted(facebook.links()) == sorted([link_of(broken), link_of(other)])


def test_an_answer_from_the_cms_that_is_not_an_object_stops_the_run_with_a_message(facebook, tree, cms_proxy):
    marked_news("Venter på et fornuftigt svar")
    cms_proxy.answer_next_with(b"[]")
    code, _, err = run_job()
    assert code == 1
    assert "CMS'et svarede med uventet JSON" in err
    assert facebook.post_requests == 0


def test_the_access_token_is_never_in_a_url_the_output_the_log_or_the_ledger(facebook, tree):
    found = marked_news("Svaret gik tabt")
    refused = marked_news("Afvises af Facebook")
    now = dt.datetime.now(dt.UTC)
    for n in range(30):  # enough newer posts that finding ours follows `paging.next`, which carries the token
        facebook.create_post(message=f"Andet {n}", link=f"https://example.org/{n}", created=now + dt.timedelta(hours=1))
    facebook.script_posts(slow(SLOWER_THAN_TIMEOUT, accept=True), error(400, 100, "(#100) Invalid parameter"))

    with captured_logs() as logs:
        code, out, err = run_job()

    token = facebook.access_token
    assert not [request for request in facebook.request_lines if token in request]
    assert token not in out + err
    assert not [entry for entry in logs if token in entry]
    assert not SocialPost.objects.filter(last_error__contains=token).exists()
    assert code == 1 and summary(out) == (1, 0, 1)
    assert "fundet på Facebook-siden" in out and len(facebook.feed_queries) == 2
    assert ledger(found).state == SocialPostState.POSTED
    assert ledger(refused).state == SocialPostState.FAILED
