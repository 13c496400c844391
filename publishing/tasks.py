"""Background tasks (django-tasks; the `worker` service runs them with `manage.py db_worker`)."""

import logging

from django_tasks import task

from .config import FacebookConfig
from .report import Outcome
from .services import facebook_publish_run

logger = logging.getLogger(__name__)


@task()
def facebook_publish_task(page_id: int | None = None) -> dict[str, int]:
    """The same run as `manage.py publish_to_facebook`, queued right after an editor publishes a marked page.

    With `page_id` ("Del nu" in the page editor) the run handles that page alone.
    """
    if not FacebookConfig.from_settings().can_post:
        logger.info("Facebook: FACEBOOK_PAGE_ID/FACEBOOK_PAGE_ACCESS_TOKEN er ikke sat; intet postes.")
        return {}
    report = facebook_publish_run(only_page_id=page_id)
    for item in report.items:
        logger.info("Facebook: %s  %s  %s", item.outcome, item.title, item.detail)
    for problem in report.problems:
        logger.error("Facebook: %s", problem)
    if report.stopped:
        logger.error("Facebook: %s", report.stopped)
    return {outcome.name.lower(): report.count(outcome) for outcome in Outcome}
