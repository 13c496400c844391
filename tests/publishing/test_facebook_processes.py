"""The job as separate processes, the way cron and the worker run it: killed mid-post, and two at once."""

import os
import re
import signal

import pytest

from publishing.models import SocialPostState

from .fake_graph import after_accept
from .helpers import ledger, link_of, marked_event, marked_news, run_job, start_job_process

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PROCESS_TIMEOUT = 120


def test_job_killed_after_facebook_accepted_a_post_posts_it_once_on_the_next_run(
    facebook, tree, live_server, tmp_path, settings
):
    first = marked_news("Ny legeplads")
    second = marked_event("Fællesspisning")
    job = {}

    def kill_the_job():
        # Facebook has created the post; the job has not heard back, so its ledger still says "posting".
        os.kill(job["process"].pid, signal.SIGKILL)
        job["process"].wait(timeout=30)

    facebook.script_posts(after_accept(kill_the_job))
    job["process"] = start_job_process(live_server=live_server, fake=facebook, tmp_path=tmp_path)
    job["process"].communicate(timeout=PROCESS_TIMEOUT)
    assert job["process"].returncode == -signal.SIGKILL
    assert facebook.links() == [link_of(first)]
    assert ledger(first).state == SocialPostState.POSTING
    assert ledger(second).state == SocialPostState.WAITING

    # While the claim is fresh, another run keeps its hands off: the killed run could still be alive.
    code, out, _ = run_job()
    assert code == 0
    assert ledger(first).state == SocialPostState.POSTING
    assert facebook.links() == [link_of(first), link_of(second)]

    # Once the lease has run out, the next run finds the post on the page instead of posting it again.
    settings.FACEBOOK_CLAIM_LEASE_SECONDS = 0
    code, out, _ = run_job()
    assert code == 0, out
    assert "fundet på Facebook-siden" in out
    assert facebook.post_requests == 2
    assert sorted(facebook.links()) == sorted([link_of(first), link_of(second)])
    row = ledger(first)
    assert row.state == SocialPostState.POSTED
    assert row.external_id == facebook.posts[0]["id"]

    code, out, _ = run_job()
    assert code == 0 and facebook.post_requests == 2


def test_two_jobs_started_at_once_post_each_item_once(facebook, tree, live_server, tmp_path):
    pages = [marked_news(f"Nyhed {n}") for n in range(4)] + [marked_event(f"Arrangement {n}") for n in range(2)]
    facebook.post_delay = 0.8  # each post takes a while, so the two runs overlap whatever their start-up times

    jobs = [start_job_process(live_server=live_server, fake=facebook, tmp_path=tmp_path) for _ in range(2)]
    outputs = [job.communicate(timeout=PROCESS_TIMEOUT) for job in jobs]

    for job, (out, err) in zip(jobs, outputs, strict=True):
        assert job.returncode == 0, out + err
    assert sorted(facebook.links()) == sorted(link_of(page) for page in pages)
    assert facebook.post_requests == len(pages)
    posted = [int(re.search(r"Opslået: (\d+)", out).group(1)) for out, _ in outputs]
    assert sum(posted) == len(pages)
    assert min(posted) >= 1, outputs  # both runs really worked at the same time
    assert {ledger(page).state for page in pages} == {SocialPostState.POSTED}
